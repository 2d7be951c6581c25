import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/json.ts';
import { ADDRESS, placeOrder, settled, stockedProduct } from '../support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../support/shop.ts';

let shop: TestShop;
let alice: Customer;
let bob: Customer;

beforeAll(async () => {
  shop = await startShop();
  [alice, bob] = await Promise.all([shop.registerCustomer(), shop.registerCustomer()]);
});
afterAll(() => shop?.stop());

const stock = async (productId: string) => (await shop.call('GET', `/api/inventory/${productId}`)).body;
const payments = async (token: string, orderId: string) =>
  (await shop.call('GET', `/api/payments?orderId=${orderId}`, { token })).body.items;

describe('checkout saga', () => {
  it('confirms a paid order, snapshots catalog prices and commits the stock', async () => {
    const a = await stockedProduct(shop, 10, 1250);
    const b = await stockedProduct(shop, 5, 399);
    const res = await placeOrder(shop, alice.token, [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 1 },
    ]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'PENDING', totalCents: 2899, currency: 'EUR', customerId: alice.id });
    expect(res.headers.location).toBe(`/api/orders/${res.body.id}`);

    const order = await settled(shop, alice.token, res.body.id);
    expect(order.status).toBe('CONFIRMED');
    expect(order.history.map((h: Json) => h.status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED']);
    await shop.waitFor(async () => (await stock(a)).reserved === 0);
    expect(await stock(a)).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
    expect(await stock(b)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    const paid = await payments(alice.token, order.id);
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ orderId: order.id, amountCents: 2899, currency: 'EUR', status: 'CAPTURED' });
  });

  it('ignores a price sent by the client', async () => {
    const p = await stockedProduct(shop, 3, 5000);
    const res = await shop.call('POST', '/api/orders', {
      token: alice.token,
      headers: { 'idempotency-key': 'client-price' },
      body: {
        items: [{ productId: p, quantity: 1, unitPriceCents: 1 }],
        shippingAddress: ADDRESS,
        paymentMethod: 'pm_card_visa',
        totalCents: 1,
      },
    });
    expect(res.status).toBe(202);
    expect(res.body.totalCents).toBe(5000);
  });

  it('rejects an order that exceeds the stock and leaves the stock untouched', async () => {
    const p = await stockedProduct(shop, 1);
    const res = await placeOrder(shop, alice.token, [{ productId: p, quantity: 2 }]);
    const order = await settled(shop, alice.token, res.body.id);
    expect(order).toMatchObject({ status: 'REJECTED', statusReason: 'insufficient_stock' });
    expect(await stock(p)).toMatchObject({ onHand: 1, reserved: 0 });
    expect(await payments(alice.token, order.id)).toEqual([]);
  });

  it('rejects an order for a product the catalog does not know', async () => {
    const res = await placeOrder(shop, alice.token, [{ productId: '0190a000-0000-7000-8000-0000000000ff', quantity: 1 }]);
    expect(res.status).toBe(202);
    const order = await settled(shop, alice.token, res.body.id);
    expect(order).toMatchObject({ status: 'REJECTED', statusReason: 'unknown_product', totalCents: 0 });
  });

  it('cancels on a declined card and releases the reservation', async () => {
    const p = await stockedProduct(shop, 4);
    for (const method of ['pm_card_chargeDeclined', 'pm_card_insufficientFunds']) {
      const res = await placeOrder(shop, alice.token, [{ productId: p, quantity: 3 }], { paymentMethod: method });
      const order = await settled(shop, alice.token, res.body.id);
      expect(order).toMatchObject({ status: 'CANCELLED', statusReason: 'payment_declined' });
      await shop.waitFor(async () => (await stock(p)).reserved === 0);
      expect(await stock(p)).toMatchObject({ onHand: 4, available: 4 });
      expect((await payments(alice.token, order.id))[0]).toMatchObject({ status: 'DECLINED' });
    }
  });

  it('refuses an unknown payment method before accepting the order', async () => {
    const p = await stockedProduct(shop, 4);
    const res = await placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }], { paymentMethod: 'pm_card_bitcoin' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: Json) => e.field)).toContain('body.paymentMethod');
  });

  it('lets the customer cancel a confirmed order: stock goes back, the capture is refunded', async () => {
    const p = await stockedProduct(shop, 5, 700);
    const placed = await placeOrder(shop, alice.token, [{ productId: p, quantity: 2 }]);
    await settled(shop, alice.token, placed.body.id);
    const cancelled = await shop.call('POST', `/api/orders/${placed.body.id}/cancel`, { token: alice.token });
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', statusReason: 'customer_cancelled' });
    const refunded = await shop.waitFor(async () => {
      const [pay] = await payments(alice.token, placed.body.id);
      return pay?.status === 'REFUNDED' && pay;
    });
    expect(refunded).toMatchObject({ amountCents: 1400, refundedCents: 1400 });
    await shop.waitFor(async () => (await stock(p)).onHand === 5);
    expect(await stock(p)).toMatchObject({ onHand: 5, reserved: 0 });

    const again = await shop.call('POST', `/api/orders/${placed.body.id}/cancel`, { token: alice.token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('order_not_cancellable');
  });

  it('tells the customer in-app about each change of their order', async () => {
    const p = await stockedProduct(shop, 5);
    const placed = await placeOrder(shop, bob.token, [{ productId: p, quantity: 1 }]);
    await settled(shop, bob.token, placed.body.id);
    const kinds = await shop.waitFor(async () => {
      const { body } = await shop.call('GET', '/api/notifications', { token: bob.token });
      const mine = body.items.filter((n: Json) => n.orderId === placed.body.id).map((n: Json) => n.kind);
      return mine.includes('order.confirmed') && mine;
    });
    expect(kinds).toEqual(expect.arrayContaining(['order.placed', 'order.confirmed']));
  });
});

describe('no oversell', () => {
  it('confirms exactly the stock when many customers race for it', async () => {
    const p = await stockedProduct(shop, 7);
    const customers = await Promise.all(Array.from({ length: 5 }, () => shop.registerCustomer()));
    const placed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => placeOrder(shop, customers[i % 5].token, [{ productId: p, quantity: 1 }])),
    );
    expect(placed.every((r) => r.status === 202)).toBe(true);
    const final = await Promise.all(placed.map((r, i) => settled(shop, customers[i % 5].token, r.body.id, 20_000)));
    expect(final.filter((o) => o.status === 'CONFIRMED')).toHaveLength(7);
    expect(final.filter((o) => o.status === 'REJECTED')).toHaveLength(13);
    await shop.waitFor(async () => (await stock(p)).reserved === 0);
    expect(await stock(p)).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
  });
});

describe('idempotency', () => {
  it('returns the same order for the same key and body, and 422 for another body', async () => {
    const p = await stockedProduct(shop, 10);
    const first = await placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }], { key: 'checkout-1' });
    const again = await placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }], { key: 'checkout-1' });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    const other = await placeOrder(shop, alice.token, [{ productId: p, quantity: 2 }], { key: 'checkout-1' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    await settled(shop, alice.token, first.body.id);
    await shop.waitFor(async () => (await stock(p)).reserved === 0);
    expect(await stock(p)).toMatchObject({ onHand: 9 });
  });

  it('places one order for a burst of identical requests (a double click)', async () => {
    const p = await stockedProduct(shop, 10);
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }], { key: 'double-click' })),
    );
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    await settled(shop, alice.token, burst[0].body.id);
    await shop.waitFor(async () => (await stock(p)).reserved === 0);
    expect(await stock(p)).toMatchObject({ onHand: 9 });
  });

  it('scopes keys to the customer: the same key from another customer is another order', async () => {
    const p = await stockedProduct(shop, 10);
    const a = await placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }], { key: 'shared-key' });
    const b = await placeOrder(shop, bob.token, [{ productId: p, quantity: 1 }], { key: 'shared-key' });
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('requires the Idempotency-Key header', async () => {
    const p = await stockedProduct(shop, 1);
    const res = await shop.call('POST', '/api/orders', {
      token: alice.token,
      body: { items: [{ productId: p, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa' },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0].field).toBe('headers.idempotency-key');
  });
});

describe('access', () => {
  it('hides one customer’s orders and payments from another', async () => {
    const p = await stockedProduct(shop, 5);
    const placed = await placeOrder(shop, alice.token, [{ productId: p, quantity: 1 }]);
    await settled(shop, alice.token, placed.body.id);
    expect((await shop.call('GET', `/api/orders/${placed.body.id}`, { token: bob.token })).status).toBe(404);
    expect((await shop.call('POST', `/api/orders/${placed.body.id}/cancel`, { token: bob.token })).status).toBe(404);
    expect(await payments(bob.token, placed.body.id)).toEqual([]);
    const bobs = (await shop.call('GET', '/api/orders?pageSize=100', { token: bob.token })).body;
    expect(bobs.items.every((o: Json) => o.customerId === bob.id)).toBe(true);
    const asAdmin = await shop.call('GET', `/api/orders/${placed.body.id}`, { token: shop.adminToken });
    expect(asAdmin.status).toBe(200);
    expect((await shop.call('GET', `/api/orders/${placed.body.id}`, { token: alice.token })).body.status).toBe('CONFIRMED');
  });

  it('requires a token for orders and the admin role for admin routes', async () => {
    expect((await shop.call('GET', '/api/orders')).status).toBe(401);
    expect((await shop.call('GET', '/api/orders', { token: 'not-a-jwt' })).status).toBe(401);
    expect((await shop.call('GET', '/api/admin/dead-letters', { token: alice.token })).status).toBe(403);
    expect(
      (await shop.call('PUT', '/api/inventory/0190a000-0000-7000-8000-000000000001', { token: alice.token, body: { onHand: 5 } })).status,
    ).toBe(403);
    expect((await shop.call('POST', '/api/products', { token: alice.token, body: {} })).status).toBe(403);
  });

  it('lets admins list every order, and customers only theirs even when asking for all', async () => {
    const all = await shop.call('GET', '/api/orders?all=true&pageSize=100', { token: shop.adminToken });
    expect(new Set(all.body.items.map((o: Json) => o.customerId)).size).toBeGreaterThan(1);
    const mine = await shop.call('GET', '/api/orders?all=true&pageSize=100', { token: bob.token });
    expect(mine.body.items.every((o: Json) => o.customerId === bob.id)).toBe(true);
  });
});

describe('bad input', () => {
  const cases: Array<[string, unknown, string]> = [
    ['no items', { items: [], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa' }, 'body.items'],
    [
      'zero quantity',
      {
        items: [{ productId: '0190a000-0000-7000-8000-000000000001', quantity: 0 }],
        shippingAddress: ADDRESS,
        paymentMethod: 'pm_card_visa',
      },
      'body.items.0.quantity',
    ],
    [
      'fractional quantity',
      {
        items: [{ productId: '0190a000-0000-7000-8000-000000000001', quantity: 1.5 }],
        shippingAddress: ADDRESS,
        paymentMethod: 'pm_card_visa',
      },
      'body.items.0.quantity',
    ],
    [
      'bad product id',
      { items: [{ productId: 'abc', quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa' },
      'body.items.0.productId',
    ],
    [
      'missing city',
      {
        items: [{ productId: '0190a000-0000-7000-8000-000000000001', quantity: 1 }],
        shippingAddress: { ...ADDRESS, city: undefined },
        paymentMethod: 'pm_card_visa',
      },
      'body.shippingAddress.city',
    ],
    [
      'bad country',
      {
        items: [{ productId: '0190a000-0000-7000-8000-000000000001', quantity: 1 }],
        shippingAddress: { ...ADDRESS, country: 'France' },
        paymentMethod: 'pm_card_visa',
      },
      'body.shippingAddress.country',
    ],
    [
      'duplicate lines',
      {
        items: [
          { productId: '0190a000-0000-7000-8000-000000000001', quantity: 1 },
          { productId: '0190a000-0000-7000-8000-000000000001', quantity: 1 },
        ],
        shippingAddress: ADDRESS,
        paymentMethod: 'pm_card_visa',
      },
      'body.items',
    ],
  ];

  it.each(cases)('answers 400 naming the field for %s, and writes nothing', async (_name, body, field) => {
    const before = (await shop.call('GET', '/api/orders', { token: bob.token })).body.total;
    const res = await shop.call('POST', '/api/orders', { token: bob.token, headers: { 'idempotency-key': `bad-${field}` }, body });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
    expect((await shop.call('GET', '/api/orders', { token: bob.token })).body.total).toBe(before);
  });

  it('answers 400 for malformed JSON and bad query parameters, 404 for unknown routes', async () => {
    const res = await shop.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'application/json', 'idempotency-key': 'x' },
      payload: '{"items": [',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).code).toBe('malformed_json');
    const q = await shop.call('GET', '/api/orders?pageSize=1000', { token: bob.token });
    expect(q.status).toBe(400);
    expect(q.body.errors[0].field).toBe('querystring.pageSize');
    expect((await shop.call('GET', '/api/orders/not-a-uuid', { token: bob.token })).status).toBe(400);
    expect((await shop.call('GET', '/api/nowhere')).body.code).toBe('not_found');
  });

  it('answers 413 for an oversized body', async () => {
    const res = await shop.call('POST', '/api/orders', {
      token: bob.token,
      headers: { 'idempotency-key': 'big' },
      body: { items: [], shippingAddress: { ...ADDRESS, line2: 'x'.repeat(300_000) }, paymentMethod: 'pm_card_visa' },
    });
    expect(res.status).toBe(413);
  });
});
