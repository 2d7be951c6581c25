import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOrder, placeOrder, settled, stockedProduct } from '../../../test/support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../../../test/support/shop.ts';

let shop: TestShop;
let alice: Customer;
let bob: Customer;

beforeAll(async () => {
  shop = await startShop({ CARRIER_SIMULATOR_STEP: '0' });
  [alice, bob] = await Promise.all([shop.registerCustomer(), shop.registerCustomer()]);
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

const orderOf = async (id: string) => (await shop.call('GET', `/api/orders/${id}`, { token: alice.token })).body;
let keys = 0;
const ask = (body: unknown, opts: { token?: string; key?: string } = {}) =>
  shop.call('POST', '/api/returns', { token: opts.token ?? alice.token, headers: { 'idempotency-key': opts.key ?? `return-${++keys}` }, body });
const act = (id: string, action: string, token = shop.adminToken, body: unknown = {}) => shop.call('POST', `/api/returns/${id}/${action}`, { token, body });
const stock = async (productId: string) => (await shop.call('GET', `/api/inventory/${productId}`)).body;
const paymentOf = async (orderId: string) => (await shop.call('GET', `/api/payments?orderId=${orderId}`, { token: alice.token })).body.items[0];
const returnOf = async (id: string, token = alice.token) => (await shop.call('GET', `/api/returns/${id}`, { token })).body;

describe('returns', () => {
  it('takes items back: approved, received, restocked and refunded, one return at a time', async () => {
    const { orderId, a, b } = await deliveredOrder();
    const first = await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'damaged', comment: 'The handle came off' });
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`/api/returns/${first.body.id}`);
    expect(first.body).toMatchObject({ orderId, customerId: alice.id, status: 'REQUESTED', reason: 'damaged', comment: 'The handle came off', refundCents: 2500, currency: 'EUR' });
    expect(first.body.items).toEqual([expect.objectContaining({ productId: a, quantity: 1, unitPriceCents: 2500, refundCents: 2500 })]);

    expect((await act(first.body.id, 'approve')).body.status).toBe('APPROVED');
    expect((await act(first.body.id, 'receive')).body.status).toBe('RECEIVED');
    const refunded = await shop.waitFor(async () => {
      const r = await returnOf(first.body.id);
      return r.status === 'REFUNDED' && r;
    });
    expect(refunded.history.map((h: any) => h.status)).toEqual(['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED']);
    await shop.waitFor(async () => (await stock(a)).onHand === 9);
    expect(await stock(a)).toMatchObject({ onHand: 9, reserved: 0 });
    expect(await paymentOf(orderId)).toMatchObject({ status: 'PARTIALLY_REFUNDED', amountCents: 5999, refundedCents: 2500 });

    // The rest of the order, in a second return: all of the money is back.
    const second = await ask({ orderId, items: [{ productId: a, quantity: 1 }, { productId: b, quantity: 1 }], reason: 'no_longer_needed' });
    expect(second.body.refundCents).toBe(3499);
    await act(second.body.id, 'approve');
    await act(second.body.id, 'receive');
    await shop.waitFor(async () => (await returnOf(second.body.id)).status === 'REFUNDED');
    expect(await paymentOf(orderId)).toMatchObject({ status: 'REFUNDED', refundedCents: 5999 });
    // Conservation: 10 stocked − 2 sold + 2 returned.
    await shop.waitFor(async () => (await stock(b)).onHand === 10);
    expect((await stock(a)).onHand).toBe(10);

    const notes = (await shop.call('GET', '/api/notifications?pageSize=100', { token: alice.token })).body.items.filter((n: any) => n.orderId === orderId);
    expect(notes.filter((n: any) => n.kind === 'return.approved')).toHaveLength(2);
    expect(notes.filter((n: any) => n.kind === 'payment.refunded').map((n: any) => n.body)).toEqual(
      expect.arrayContaining([expect.stringContaining('€34.99'), expect.stringContaining('€25.00')]),
    );
    expect((await ask({ orderId, items: [{ productId: b, quantity: 1 }], reason: 'other' })).status).toBe(422);
  });

  it('answers a repeated Idempotency-Key with the same return, and 422 for another body under it', async () => {
    const { orderId, a } = await deliveredOrder();
    const body = { orderId, items: [{ productId: a, quantity: 1 }], reason: 'wrong_item' };
    const once = await ask(body, { key: 'same-return' });
    const again = await ask(body, { key: 'same-return' });
    expect([once.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(once.body.id);
    const other = await ask({ ...body, reason: 'damaged' }, { key: 'same-return' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect((await shop.call('GET', `/api/returns?orderId=${orderId}`, { token: alice.token })).body.total).toBe(1);
  });

  it('never returns more than was bought, nor what another return claims, nor a product of another order', async () => {
    const { orderId, a, b } = await deliveredOrder();
    const tooMany = await ask({ orderId, items: [{ productId: b, quantity: 1 }, { productId: a, quantity: 3 }], reason: 'other' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({ code: 'quantity_not_returnable', errors: [{ field: 'body.items.1.quantity', message: 'at most 2 of this item can still be returned' }] });
    const stranger = await ask({ orderId, items: [{ productId: await stockedProduct(shop, 1), quantity: 1 }], reason: 'other' });
    expect(stranger.body.errors).toEqual([{ field: 'body.items.0.productId', message: 'is not part of this order' }]);

    // Two requests at once for the last two items: one gets them.
    const race = await Promise.all([1, 2].map(() => ask({ orderId, items: [{ productId: a, quantity: 2 }], reason: 'other' })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 422]);
    const taken = race.find((r) => r.status === 201)!.body;
    // A rejected or withdrawn return gives its items back to what may be returned.
    expect((await act(taken.id, 'reject', shop.adminToken, { note: 'Used items cannot be returned' })).body.history.at(-1)).toMatchObject({
      status: 'REJECTED',
      note: 'Used items cannot be returned',
    });
    const retry = await ask({ orderId, items: [{ productId: a, quantity: 2 }], reason: 'other' });
    expect(retry.status).toBe(201);
    expect((await act(retry.body.id, 'cancel', alice.token)).body.status).toBe('CANCELLED');
    expect((await ask({ orderId, items: [{ productId: a, quantity: 2 }], reason: 'other' })).status).toBe(201);
  });

  it('takes returns only of a delivered order, within the return window', async () => {
    const p = await stockedProduct(shop, 3);
    const confirmed = await settled(shop, alice.token, (await placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }])).body.id);
    const early = await ask({ orderId: confirmed.id, items: [{ productId: p, quantity: 1 }], reason: 'other' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('order_not_returnable');

    const { orderId, a } = await deliveredOrder();
    // Delivered 31 days ago.
    const { history } = await orderOf(orderId);
    const last = history.length - 1;
    await shop.db.query(`UPDATE orders.orders SET history = jsonb_set(history, $2::text[], to_jsonb($3::text)) WHERE id = $1`, [
      orderId,
      `{${last},at}`,
      new Date(Date.now() - 31 * 86_400_000).toISOString(),
    ]);
    const late = await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'return_window_closed', detail: 'Items can be returned within 30 days of delivery' });
  });

  it("keeps each customer to their own returns and staff to the decisions", async () => {
    const { orderId, a } = await deliveredOrder();
    const theirs = await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' }, { token: bob.token });
    expect(theirs.status).toBe(404);
    const mine = (await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' })).body;
    expect((await shop.call('GET', `/api/returns/${mine.id}`, { token: bob.token })).status).toBe(404);
    expect((await shop.call('GET', `/api/returns?orderId=${orderId}`, { token: bob.token })).body.items).toEqual([]);
    expect((await act(mine.id, 'cancel', bob.token)).status).toBe(404);
    expect((await act(mine.id, 'approve', alice.token)).status).toBe(403);
    expect((await shop.call('POST', `/api/returns/${mine.id}/approve`)).status).toBe(401);
    expect((await shop.call('GET', '/api/returns')).status).toBe(401);
    const everyones = await shop.call('GET', '/api/returns?status=REQUESTED&pageSize=100', { token: shop.adminToken });
    expect(everyones.body.items.map((r: any) => r.id)).toContain(mine.id);
    expect((await act('0190a000-0000-7000-8000-0000000000ff', 'approve')).status).toBe(404);
  });

  it('takes each step only in its turn', async () => {
    const { orderId, a } = await deliveredOrder();
    const r = (await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' })).body;
    // A decision needs no body.
    const bare = await shop.call('POST', `/api/returns/${r.id}/receive`, { token: shop.adminToken });
    expect(bare.body.code).toBe('return_not_allowed');
    const early = await act(r.id, 'receive');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('return_not_allowed');
    await act(r.id, 'approve');
    expect((await act(r.id, 'approve')).status).toBe(409);
    await act(r.id, 'receive');
    expect((await act(r.id, 'cancel', alice.token)).status).toBe(409);
    expect((await act(r.id, 'reject')).status).toBe(409);
  });

  it('names the field of a bad request', async () => {
    const { orderId, a } = await deliveredOrder();
    for (const [body, field] of [
      [{ orderId, items: [], reason: 'other' }, 'body.items'],
      [{ orderId, items: [{ productId: a, quantity: 0 }], reason: 'other' }, 'body.items.0.quantity'],
      [{ orderId, items: [{ productId: a, quantity: 1 }], reason: 'meh' }, 'body.reason'],
      [{ orderId: 'nope', items: [{ productId: a, quantity: 1 }], reason: 'other' }, 'body.orderId'],
      [{ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other', comment: 'x'.repeat(1001) }, 'body.comment'],
    ] as const) {
      const res = await ask(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const noKey = await shop.call('POST', '/api/returns', { token: alice.token, body: { orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' } });
    expect(noKey.status).toBe(400);
    expect((await act(orderId, 'reject', shop.adminToken, { note: 'x'.repeat(501) })).body.errors[0].field).toBe('body.note');
  });
});
