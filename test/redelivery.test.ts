import { eventSchemas } from '@mercato/contracts';
import { makeEnvelope } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, settled, stockedProduct } from './support/checkout.ts';
import { startShop, type Customer, type TestShop } from './support/shop.ts';
import type { Json } from './support/json.ts';

let shop: TestShop;
let customer: Customer;

beforeAll(async () => {
  shop = await startShop({ EVENT_MAX_DELIVER: '3' });
  customer = await shop.registerCustomer();
});
afterAll(() => shop?.stop());

/** Puts an event into a service's outbox, exactly as that service would publish it. */
async function publishAs(service: string, envelope: ReturnType<typeof makeEnvelope>) {
  await shop.db.query(`INSERT INTO ${service}.outbox (id, type, envelope) VALUES ($1, $2, $3)`, [
    envelope.id,
    envelope.type,
    JSON.stringify(envelope),
  ]);
}

const idle = () =>
  shop.waitFor(async () => {
    const [{ n }] = await shop.db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM bus.deliveries) + (SELECT count(*) FROM orders.outbox) AS n',
    );
    return Number(n) === 0;
  });

const stock = async (p: string) => (await shop.call('GET', `/api/inventory/${p}`)).body;
const payments = async (orderId: string) =>
  (await shop.call('GET', `/api/payments?orderId=${orderId}`, { token: shop.adminToken })).body.items;

describe('redelivered and late events', () => {
  it('applies a redelivered event once: one refund, one restock', async () => {
    const p = await stockedProduct(shop, 10, 500);
    const placed = await placeOrder(shop, customer.token, [{ productId: p, quantity: 3 }]);
    const order = await settled(shop, customer.token, placed.body.id);
    expect(order.status).toBe('CONFIRMED');
    await shop.waitFor(async () => (await stock(p)).onHand === 7);

    // orders' own cancellation path publishes order.cancelled; deliver that same event three times.
    const cancelled = makeEnvelope(eventSchemas, 'order.cancelled', order.id, {
      orderId: order.id,
      customerId: customer.id,
      reason: 'admin_cancelled',
      previousStatus: 'CONFIRMED',
    });
    for (let i = 0; i < 3; i++) {
      await publishAs('orders', cancelled);
      await idle();
    }
    expect(await stock(p)).toMatchObject({ onHand: 10, reserved: 0 });
    const pays = await payments(order.id);
    expect(pays).toHaveLength(1);
    expect(pays[0]).toMatchObject({ status: 'REFUNDED', refundedCents: 1500 });
  });

  it('ignores a late saga event that no longer applies (state-machine guard)', async () => {
    const p = await stockedProduct(shop, 5);
    const placed = await placeOrder(shop, customer.token, [{ productId: p, quantity: 1 }], { paymentMethod: 'pm_card_chargeDeclined' });
    const order = await settled(shop, customer.token, placed.body.id);
    expect(order.status).toBe('CANCELLED');
    const late = makeEnvelope(eventSchemas, 'payment.succeeded', order.id, {
      orderId: order.id,
      paymentId: '0190a000-0000-7000-8000-000000000123',
      amountCents: order.totalCents,
      currency: 'EUR',
    });
    await publishAs('payments', late);
    await idle();
    const after = (await shop.call('GET', `/api/orders/${order.id}`, { token: customer.token })).body;
    expect(after).toMatchObject({ status: 'CANCELLED', statusReason: 'payment_declined' });
    expect(after.history).toHaveLength(order.history.length);
  });

  it('charges nothing for a payment request that arrives after the order was cancelled', async () => {
    const orderId = '0190a000-0000-7000-8000-0000000000c1';
    await publishAs(
      'orders',
      makeEnvelope(eventSchemas, 'order.cancelled', orderId, {
        orderId,
        customerId: customer.id,
        reason: 'payment_timeout',
        previousStatus: 'PENDING',
      }),
    );
    await idle();
    await publishAs(
      'orders',
      makeEnvelope(eventSchemas, 'payment.requested', orderId, {
        orderId,
        customerId: customer.id,
        amountCents: 999,
        currency: 'EUR',
        paymentMethod: 'pm_card_visa',
      }),
    );
    await idle();
    expect((await payments(orderId)).filter((x: Json) => x.status === 'CAPTURED')).toEqual([]);
  });

  it('reserves nothing for a placement that arrives after the order was cancelled, nor for a repeated placement', async () => {
    const p = await stockedProduct(shop, 6);
    const placed = (orderId: string) =>
      makeEnvelope(eventSchemas, 'order.placed', orderId, {
        orderId,
        customerId: customer.id,
        items: [{ productId: p, quantity: 2, unitPriceCents: 1000 }],
        totalCents: 2000,
        currency: 'EUR',
      });
    const late = '0190a000-0000-7000-8000-0000000000c2';
    await publishAs(
      'orders',
      makeEnvelope(eventSchemas, 'order.cancelled', late, {
        orderId: late,
        customerId: customer.id,
        reason: 'payment_timeout',
        previousStatus: 'PENDING',
      }),
    );
    await idle();
    await publishAs('orders', placed(late));
    await idle();
    expect(await stock(p)).toMatchObject({ onHand: 6, reserved: 0 });

    // Another event with the same order: the first placement holds its stock, the second adds nothing.
    const twice = '0190a000-0000-7000-8000-0000000000c3';
    await publishAs('orders', placed(twice));
    await publishAs('orders', placed(twice));
    await idle();
    expect(await stock(p)).toMatchObject({ onHand: 6, reserved: 2 });
    const reservations = await shop.db.query<{ order_id: string; status: string }>(
      'SELECT order_id, status FROM inventory.reservations WHERE order_id = ANY($1::uuid[]) ORDER BY order_id',
      [[late, twice]],
    );
    expect(reservations).toEqual([
      { order_id: late, status: 'RELEASED' },
      { order_id: twice, status: 'RESERVED' },
    ]);
  });
});

describe('dead letters', () => {
  it('parks an event whose payload is invalid, at once', async () => {
    const bad = {
      ...makeEnvelope(eventSchemas, 'inventory.reserved', customer.id, { orderId: customer.id }),
      payload: { orderId: 'nope' },
    };
    await publishAs('inventory', bad);
    const letter = await shop.waitFor(async () => {
      const { body } = await shop.call('GET', '/api/admin/dead-letters', { token: shop.adminToken });
      return body.items.find((d: Json) => d.eventId === bad.id);
    });
    expect(letter).toMatchObject({ consumer: 'orders', type: 'inventory.reserved', attempts: 1 });
    expect(letter.error).toMatch(/invalid/);
  });

  it('retries a failing handler with backoff, parks it after EVENT_MAX_DELIVER tries, and replays it once fixed', async () => {
    await shop.db.query('ALTER TABLE notifications.notifications RENAME TO notifications_broken');
    let letter: Json;
    let p: string;
    let orderId: string;
    try {
      p = await stockedProduct(shop, 5);
      orderId = (await placeOrder(shop, customer.token, [{ productId: p, quantity: 1 }])).body.id;
      await settled(shop, customer.token, orderId);
      letter = await shop.waitFor(async () => {
        const { body } = await shop.call('GET', '/api/admin/dead-letters', { token: shop.adminToken });
        return body.items.find(
          (d: Json) => d.consumer === 'notifications' && d.envelope.aggregateId === orderId && d.type === 'order.confirmed',
        );
      }, 20_000);
      expect(letter.attempts).toBe(3);
    } finally {
      await shop.db.query('ALTER TABLE notifications.notifications_broken RENAME TO notifications');
    }

    expect((await shop.call('POST', `/api/admin/dead-letters/${letter.id}/replay`, { token: customer.token })).status).toBe(403);
    const replay = await shop.call('POST', `/api/admin/dead-letters/${letter.id}/replay`, { token: shop.adminToken });
    expect(replay.status).toBe(202);
    await shop.waitFor(async () => {
      const { body } = await shop.call('GET', '/api/notifications?pageSize=100', { token: customer.token });
      return body.items.some((n: Json) => n.orderId === orderId && n.kind === 'order.confirmed');
    });
    const { body } = await shop.call('GET', '/api/admin/dead-letters', { token: shop.adminToken });
    expect(body.items.find((d: Json) => d.id === letter.id)).toBeUndefined();
    expect((await shop.call('POST', `/api/admin/dead-letters/${letter.id}/replay`, { token: shop.adminToken })).status).toBe(404);
  });
});
