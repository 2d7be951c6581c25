import {
  createHttpApp,
  createLogger,
  createMetrics,
  HealthChecks,
  newId,
  unauthorized,
  type HttpApp,
  type Principal,
} from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOrder, placeOrder, settled, stockedProduct } from '../../../test/support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../../../test/support/shop.ts';
import { orderEventsRoute } from '../src/realtime/order-events-route.ts';
import { OrderUpdates } from '../src/realtime/order-updates.ts';
import { openSse, until } from './support/sse.ts';

const listenOn = async (app: HttpApp) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
};

describe('GET /api/events (the stream itself)', () => {
  const alice = newId();
  const bob = newId();
  const tokens = new Map<string, Principal>([
    ['alice-token', { userId: alice, email: 'a@test.local', name: 'A', roles: ['customer'] }],
    ['bob-token', { userId: bob, email: 'b@test.local', name: 'B', roles: ['customer'] }],
  ]);
  const updates = new OrderUpdates();
  let app: HttpApp;
  let base: string;

  beforeAll(async () => {
    const verifier = {
      async verify(token: string) {
        const p = tokens.get(token);
        if (!p) throw unauthorized('Invalid or expired access token');
        return p;
      },
    };
    app = await createHttpApp({
      logger: createLogger('test', 'silent'),
      metrics: createMetrics('test'),
      health: new HealthChecks(),
      verifier,
    });
    orderEventsRoute(app, { verifier, updates, heartbeatMs: 50 });
    base = await listenOn(app);
  });
  afterAll(() => app?.close());

  it('answers 401 problem+json without a valid token, in the query or the header', async () => {
    for (const [url, headers] of [
      ['/api/events', {}],
      ['/api/events?access_token=forged', {}],
      ['/api/events', { authorization: 'Bearer forged' }],
    ] as const) {
      const res = await fetch(base + url, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).code).toBe('unauthorized');
    }
  });

  it('streams only the caller’s updates, with a retry hint and heartbeats, and forgets a closed stream', async () => {
    // A browser accepts compressed answers; the stream must still go out as it is written, unbuffered.
    const stream = await openSse(`${base}/api/events?access_token=alice-token`, { 'accept-encoding': 'br, gzip' });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    expect(stream.headers.get('content-encoding')).toBeNull();
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    await until(() => stream.blocks.length > 0);
    expect(stream.blocks[0].retry).toBe('3000');

    const orderId = newId();
    updates.publish(bob, { orderId: newId(), status: 'PENDING', statusReason: null });
    updates.publish(alice, { orderId, status: 'CANCELLED', statusReason: 'payment_declined' });
    await until(() => stream.orders().length > 0);
    expect(stream.orders()).toEqual([{ orderId, status: 'CANCELLED', statusReason: 'payment_declined' }]);
    await until(() => stream.blocks.filter((b) => b.comments.includes('heartbeat')).length >= 2);

    expect(updates.size).toBe(1);
    await stream.close();
    await until(() => updates.size === 0);
  });

  it('accepts the Authorization header as well', async () => {
    const stream = await openSse(`${base}/api/events`, { authorization: 'Bearer bob-token' });
    expect(stream.status).toBe(200);
    await until(() => updates.size === 1);
    updates.publish(bob, { orderId: newId(), status: 'CONFIRMED', statusReason: null });
    await until(() => stream.orders().length === 1);
    await stream.close();
  });

  it('ends open streams when the server shuts down', async () => {
    const other = await createHttpApp({
      logger: createLogger('test', 'silent'),
      metrics: createMetrics('test'),
      health: new HealthChecks(),
      verifier: { verify: async () => tokens.get('alice-token')! },
    });
    orderEventsRoute(other, { verifier: { verify: async () => tokens.get('alice-token')! }, updates: new OrderUpdates() });
    const stream = await openSse(`${await listenOn(other)}/api/events?access_token=any`);
    expect(stream.status).toBe(200);
    await other.close();
    await stream.close();
  });
});

describe('live order updates from the embedded shop', () => {
  let shop: TestShop;
  let alice: Customer;
  let bob: Customer;
  let base: string;

  beforeAll(async () => {
    shop = await startShop();
    [alice, bob] = await Promise.all([shop.registerCustomer(), shop.registerCustomer()]);
    base = await listenOn(shop.app);
  });
  afterAll(() => shop?.stop());

  it('shows a customer their order going from PENDING to CONFIRMED, and nobody else', async () => {
    const mine = await openSse(`${base}/api/events?access_token=${alice.token}`);
    const theirs = await openSse(`${base}/api/events`, { authorization: `Bearer ${bob.token}` });
    expect([mine.status, theirs.status]).toEqual([200, 200]);

    const p = await stockedProduct(shop, 5);
    const placed = await placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }]);
    const orderId = placed.body.id;
    await until(() => mine.orders().some((u) => u.orderId === orderId && u.status === 'CONFIRMED'));
    expect(mine.orders().filter((u) => u.orderId === orderId)).toEqual([
      { orderId, status: 'PENDING', statusReason: null },
      { orderId, status: 'AWAITING_PAYMENT', statusReason: null },
      { orderId, status: 'CONFIRMED', statusReason: null },
    ]);
    await settled(shop, alice.token, orderId);
    expect(theirs.orders()).toEqual([]);
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('tells why an order was cancelled or rejected', async () => {
    const mine = await openSse(`${base}/api/events?access_token=${bob.token}`);
    const p = await stockedProduct(shop, 1);
    const declined = (await placeOrder(shop, bob.token, [{ productId: p, quantity: 1 }], { paymentMethod: 'pm_card_chargeDeclined' })).body
      .id;
    const tooMany = (await placeOrder(shop, bob.token, [{ productId: p, quantity: 5 }])).body.id;
    await until(() => mine.orders().filter((u) => ['CANCELLED', 'REJECTED'].includes(u.status)).length === 2);
    expect(mine.orders().find((u) => u.orderId === declined && u.status === 'CANCELLED')).toEqual({
      orderId: declined,
      status: 'CANCELLED',
      statusReason: 'payment_declined',
    });
    expect(mine.orders().find((u) => u.orderId === tooMany && u.status === 'REJECTED')?.statusReason).toBe('insufficient_stock');
    await mine.close();
  });

  it('follows a confirmed order on to SHIPPED and DELIVERED', async () => {
    const mine = await openSse(`${base}/api/events?access_token=${alice.token}`);
    const p = await stockedProduct(shop, 1);
    const orderId = (await placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }])).body.id;
    await settled(shop, alice.token, orderId);
    await deliverOrder(shop, alice.token, orderId);
    await until(() => mine.orders().some((u) => u.orderId === orderId && u.status === 'DELIVERED'));
    expect(
      mine
        .orders()
        .filter((u) => u.orderId === orderId)
        .map((u) => u.status),
    ).toEqual(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'SHIPPED', 'DELIVERED']);
    await mine.close();
  });

  it('refuses a bad token with 401 problem+json', async () => {
    const res = await fetch(`${base}/api/events?access_token=${alice.token}x`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
