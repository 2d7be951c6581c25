import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADDRESS } from '../support/checkout.ts';
import { http } from '../support/process.ts';
import {
  ADMIN,
  allSettled,
  checkInvariants,
  customer,
  describeDistributed,
  dropNamespace,
  login,
  product,
  startTestCluster,
  type TestCluster,
} from './support.ts';
import type { Json } from '../support/json.ts';

const METHODS = ['pm_card_visa', 'pm_card_mastercard', 'pm_card_visa', 'pm_card_chargeDeclined'];

describeDistributed('distributed cluster (PostgreSQL, NATS JetStream, Redis; replicas of orders, payments and the gateway)', () => {
  let cluster: TestCluster;
  let admin: string;
  const initial = new Map<string, number>();
  const gateways = () => cluster.processes.filter((p) => p.name === 'gateway').map((p) => p.url);

  beforeAll(async () => {
    cluster = await startTestCluster({ replicas: 'orders=2,payments=2,gateway=2' });
    admin = await login(cluster.gatewayUrl, ADMIN.email, ADMIN.password);
  }, 200_000);

  afterAll(async () => {
    await cluster?.stop('SIGKILL');
    if (cluster) await dropNamespace(cluster.namespace);
  });

  const burst = (n: number, buyers: Array<{ token: string }>, products: string[], tag: string, onAnswer?: (i: number) => void) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        http(gateways()[i % 2], 'POST', '/api/orders', {
          token: buyers[i % buyers.length].token,
          headers: { 'idempotency-key': `${tag}-${i}` },
          body: {
            items: [{ productId: products[i % products.length], quantity: 1 + (i % 2) }],
            shippingAddress: ADDRESS,
            paymentMethod: METHODS[i % METHODS.length],
          },
        })
          .then((r) => (onAnswer?.(i), r))
          .catch(() => null),
      ),
    );

  it('runs the whole checkout across processes, answering exactly like the embedded mode', async () => {
    const p = await product(cluster.gatewayUrl, admin, 5, 1250);
    initial.set(p, 5);
    const buyer = await customer(cluster.gatewayUrl);
    const placed = await http(cluster.gatewayUrl, 'POST', '/api/orders', {
      token: buyer.token,
      headers: { 'idempotency-key': 'first' },
      body: { items: [{ productId: p, quantity: 2 }], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa' },
    });
    expect(placed.status).toBe(202);
    expect(placed.body).toMatchObject({ status: 'PENDING', totalCents: 2500 });
    const [order] = (await allSettled(cluster.gatewayUrl, admin)).filter((o) => o.id === placed.body.id);
    expect(order).toMatchObject({ status: 'CONFIRMED' });
    expect(order.history.map((h: Json) => h.status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED']);
    const notes = await http(cluster.gatewayUrl, 'GET', '/api/notifications', { token: buyer.token });
    expect(notes.body.items.some((n: Json) => n.kind === 'order.confirmed')).toBe(true);

    // Fulfilment crosses orders, shipping and back: shipped, labelled, scanned, delivered.
    expect((await http(cluster.gatewayUrl, 'POST', `/api/orders/${order.id}/ship`, { token: admin })).status).toBe(202);
    const shipmentOf = async () =>
      (await http(cluster.gatewayUrl, 'GET', `/api/shipments?orderId=${order.id}`, { token: buyer.token })).body.items[0];
    await expect.poll(shipmentOf, { timeout: 15_000 }).toMatchObject({ status: 'LABEL_CREATED', orderId: order.id });
    const shipment = await shipmentOf();
    const delivered = await http(cluster.gatewayUrl, 'POST', `/api/shipments/${shipment.id}/tracking`, {
      token: admin,
      body: { status: 'DELIVERED' },
    });
    expect(delivered.body.status).toBe('DELIVERED');
    await expect
      .poll(async () => (await http(cluster.gatewayUrl, 'GET', `/api/orders/${order.id}`, { token: buyer.token })).body.status, {
        timeout: 15_000,
      })
      .toBe('DELIVERED');

    // A return crosses returns, orders (read with the customer's token), inventory and payments.
    const asked = await http(cluster.gatewayUrl, 'POST', '/api/returns', {
      token: buyer.token,
      headers: { 'idempotency-key': 'return-1' },
      body: { orderId: order.id, items: [{ productId: p, quantity: 1 }], reason: 'damaged' },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'REQUESTED', refundCents: 1250 });
    expect((await http(cluster.gatewayUrl, 'POST', `/api/returns/${asked.body.id}/approve`, { token: admin, body: {} })).status).toBe(200);
    expect((await http(cluster.gatewayUrl, 'POST', `/api/returns/${asked.body.id}/receive`, { token: admin, body: {} })).status).toBe(200);
    await expect
      .poll(async () => (await http(cluster.gatewayUrl, 'GET', `/api/returns/${asked.body.id}`, { token: buyer.token })).body.status, {
        timeout: 15_000,
      })
      .toBe('REFUNDED');
    const [payment] = (await http(cluster.gatewayUrl, 'GET', `/api/payments?orderId=${order.id}`, { token: buyer.token })).body.items;
    expect(payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedCents: 1250 });
    await expect.poll(async () => (await http(cluster.gatewayUrl, 'GET', `/api/inventory/${p}`)).body.onHand, { timeout: 15_000 }).toBe(4);

    // A promotion code is held by promotions for orders, over HTTP with the customer's token, and used on confirmation.
    const promo = await http(cluster.gatewayUrl, 'POST', '/api/admin/promotions', {
      token: admin,
      body: { code: 'CLUSTER20', kind: 'percent', percentOff: 20 },
    });
    expect(promo.status).toBe(201);
    const discounted = await http(cluster.gatewayUrl, 'POST', '/api/orders', {
      token: buyer.token,
      headers: { 'idempotency-key': 'promo' },
      body: { items: [{ productId: p, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa', promoCode: 'CLUSTER20' },
    });
    expect(discounted.status).toBe(202);
    expect(discounted.body).toMatchObject({ subtotalCents: 1250, discountCents: 250, totalCents: 1000, promoCode: 'CLUSTER20' });
    await expect
      .poll(async () => (await http(cluster.gatewayUrl, 'GET', '/api/admin/promotions', { token: admin })).body.items[0]?.redemptions, {
        timeout: 15_000,
      })
      .toBe(1);
    const again = await http(cluster.gatewayUrl, 'POST', '/api/orders', {
      token: buyer.token,
      headers: { 'idempotency-key': 'promo-again' },
      body: { items: [{ productId: p, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa', promoCode: 'CLUSTER20' },
    });
    expect(again.status).toBe(422);

    const bad = await http(cluster.gatewayUrl, 'POST', '/api/orders', {
      token: buyer.token,
      headers: { 'idempotency-key': 'bad' },
      body: { items: [], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.items' }] });
    expect(
      (await http(cluster.gatewayUrl, 'GET', `/api/orders/${order.id}`, { token: (await customer(cluster.gatewayUrl)).token })).status,
    ).toBe(404);
    // The gateway merges the services' documents as they answer: complete within seconds of starting.
    await expect
      .poll(async () => Object.keys((await http(cluster.gatewayUrl, 'GET', '/docs/json')).body.paths), { timeout: 15_000, interval: 500 })
      .toEqual(expect.arrayContaining(['/api/orders', '/api/products', '/api/auth/login']));
  });

  it('honours an Idempotency-Key across two gateways and two orders replicas', async () => {
    const p = await product(cluster.gatewayUrl, admin, 10);
    initial.set(p, 10);
    const buyer = await customer(cluster.gatewayUrl);
    const body = { items: [{ productId: p, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http(gateways()[i % 2], 'POST', '/api/orders', { token: buyer.token, headers: { 'idempotency-key': 'twice' }, body }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(202));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const other = await http(gateways()[1], 'POST', '/api/orders', {
      token: buyer.token,
      headers: { 'idempotency-key': 'twice' },
      body: { ...body, items: [{ productId: p, quantity: 3 }] },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('shares the work between replicas without processing any event twice', async () => {
    const products = [await product(cluster.gatewayUrl, admin, 30), await product(cluster.gatewayUrl, admin, 8)];
    products.forEach((p, i) => initial.set(p, [30, 8][i]));
    const buyers = await Promise.all(Array.from({ length: 4 }, () => customer(cluster.gatewayUrl)));
    const answers = await burst(40, buyers, products, 'share');
    expect(answers.every((a) => a?.status === 202)).toBe(true);
    const orders = await allSettled(cluster.gatewayUrl, admin);
    expect(await checkInvariants(cluster.gatewayUrl, admin, initial, orders)).toEqual([]);
    for (const name of ['orders', 'payments']) {
      const applied = await Promise.all(
        cluster.processes
          .filter((p) => p.name === name)
          .map(async (p) => {
            const text = (await http(p.url, 'GET', '/metrics')).body as string;
            return [...text.matchAll(/mercato_events_handled_total\{[^}]*outcome="applied"[^}]*\} (\d+)/g)].reduce(
              (n, m) => n + Number(m[1]),
              0,
            );
          }),
      );
      expect(
        applied.every((n) => n > 0),
        `${name} replicas applied ${applied}`,
      ).toBe(true);
    }
  });

  it('finishes the work of a replica killed in the middle of a burst', async () => {
    const products = [await product(cluster.gatewayUrl, admin, 40)];
    initial.set(products[0], 40);
    const buyers = await Promise.all(Array.from({ length: 3 }, () => customer(cluster.gatewayUrl)));
    let answered = 0;
    const running = burst(30, buyers, products, 'kill', () => answered++);
    while (answered < 8) await new Promise((r) => setTimeout(r, 5));
    cluster.processes.find((p) => p.label === 'payments.1')!.child.kill('SIGKILL');
    cluster.processes.find((p) => p.label === 'orders.2')!.child.kill('SIGKILL');
    await running;
    const orders = await allSettled(cluster.gatewayUrl, admin, 90_000);
    expect(await checkInvariants(cluster.gatewayUrl, admin, initial, orders)).toEqual([]);
  }, 120_000);

  it('loses nothing when the whole cluster is SIGKILLed mid-burst and started again', async () => {
    const products = [await product(cluster.gatewayUrl, admin, 25), await product(cluster.gatewayUrl, admin, 25)];
    products.forEach((p) => initial.set(p, 25));
    const buyers = await Promise.all(Array.from({ length: 3 }, () => customer(cluster.gatewayUrl)));
    const accepted: string[] = [];
    let answered = 0;
    const running = burst(40, buyers, products, 'crash', () => answered++).then((rs) =>
      rs.forEach((r) => r?.status === 202 && accepted.push(r.body.id)),
    );
    while (answered < 12) await new Promise((r) => setTimeout(r, 5));
    await cluster.stop('SIGKILL');
    await running;

    cluster = await startTestCluster({ namespace: cluster.namespace, replicas: 'orders=2,payments=2,gateway=2' });
    admin = await login(cluster.gatewayUrl, ADMIN.email, ADMIN.password);
    const orders = await allSettled(cluster.gatewayUrl, admin, 90_000);
    const ids = new Set(orders.map((o) => o.id));
    expect(accepted.filter((id) => !ids.has(id))).toEqual([]);
    expect(await checkInvariants(cluster.gatewayUrl, admin, initial, orders)).toEqual([]);
  }, 300_000);
});
