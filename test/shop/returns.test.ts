import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/json.ts';
import { deliverOrder, placeOrder, settled, stockedProduct } from '../support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../support/shop.ts';

let shop: TestShop;
let alice: Customer;

beforeAll(async () => {
  shop = await startShop({ CARRIER_SIMULATOR_STEP: '0' });
  alice = await shop.registerCustomer();
});
afterAll(() => shop?.stop());

/** An order of alice's, paid, shipped and delivered: 2 of a product at 25.00 and 1 at 9.99. */
async function deliveredOrder() {
  const a = await stockedProduct(shop, 10, 2500);
  const b = await stockedProduct(shop, 10, 999);
  const placed = await placeOrder(shop, alice.token, [
    { productId: a, quantity: 2 },
    { productId: b, quantity: 1 },
  ]);
  const order = await settled(shop, alice.token, placed.body.id);
  expect(order.status).toBe('CONFIRMED');
  await deliverOrder(shop, alice.token, order.id);
  return { orderId: order.id as string, a, b };
}

let keys = 0;
const ask = (body: unknown, opts: { token?: string; key?: string } = {}) =>
  shop.call('POST', '/api/returns', {
    token: opts.token ?? alice.token,
    headers: { 'idempotency-key': opts.key ?? `return-${++keys}` },
    body,
  });
const act = (id: string, action: string, token = shop.adminToken, body: unknown = {}) =>
  shop.call('POST', `/api/returns/${id}/${action}`, { token, body });
const stock = async (productId: string) => (await shop.call('GET', `/api/inventory/${productId}`)).body;
const paymentOf = async (orderId: string) =>
  (await shop.call('GET', `/api/payments?orderId=${orderId}`, { token: alice.token })).body.items[0];
const returnOf = async (id: string, token = alice.token) => (await shop.call('GET', `/api/returns/${id}`, { token })).body;

describe('returns, with orders, inventory and payments', () => {
  it('takes items back: approved, received, restocked and refunded, one return at a time', async () => {
    const { orderId, a, b } = await deliveredOrder();
    const first = await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'damaged', comment: 'The handle came off' });
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`/api/returns/${first.body.id}`);
    expect(first.body).toMatchObject({
      orderId,
      customerId: alice.id,
      status: 'REQUESTED',
      reason: 'damaged',
      comment: 'The handle came off',
      refundCents: 2500,
      currency: 'EUR',
    });
    expect(first.body.items).toEqual([expect.objectContaining({ productId: a, quantity: 1, unitPriceCents: 2500, refundCents: 2500 })]);

    expect((await act(first.body.id, 'approve')).body.status).toBe('APPROVED');
    expect((await act(first.body.id, 'receive')).body.status).toBe('RECEIVED');
    const refunded = await shop.waitFor(async () => {
      const r = await returnOf(first.body.id);
      return r.status === 'REFUNDED' && r;
    });
    expect(refunded.history.map((h: Json) => h.status)).toEqual(['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED']);
    await shop.waitFor(async () => (await stock(a)).onHand === 9);
    expect(await stock(a)).toMatchObject({ onHand: 9, reserved: 0 });
    expect(await paymentOf(orderId)).toMatchObject({ status: 'PARTIALLY_REFUNDED', amountCents: 5999, refundedCents: 2500 });

    // The rest of the order, in a second return: all of the money is back.
    const second = await ask({
      orderId,
      items: [
        { productId: a, quantity: 1 },
        { productId: b, quantity: 1 },
      ],
      reason: 'no_longer_needed',
    });
    expect(second.body.refundCents).toBe(3499);
    await act(second.body.id, 'approve');
    await act(second.body.id, 'receive');
    await shop.waitFor(async () => (await returnOf(second.body.id)).status === 'REFUNDED');
    expect(await paymentOf(orderId)).toMatchObject({ status: 'REFUNDED', refundedCents: 5999 });
    // Conservation: 10 stocked − 2 sold + 2 returned.
    await shop.waitFor(async () => (await stock(b)).onHand === 10);
    expect((await stock(a)).onHand).toBe(10);

    const notes = (await shop.call('GET', '/api/notifications?pageSize=100', { token: alice.token })).body.items.filter(
      (n: Json) => n.orderId === orderId,
    );
    expect(notes.filter((n: Json) => n.kind === 'return.approved')).toHaveLength(2);
    expect(notes.filter((n: Json) => n.kind === 'payment.refunded').map((n: Json) => n.body)).toEqual(
      expect.arrayContaining([expect.stringContaining('€34.99'), expect.stringContaining('€25.00')]),
    );
    expect((await ask({ orderId, items: [{ productId: b, quantity: 1 }], reason: 'other' })).status).toBe(422);
  });
});
