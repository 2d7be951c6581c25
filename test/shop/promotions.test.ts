import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/json.ts';
import { promotion as newPromotion } from '../support/promotions.ts';
import { ADDRESS, deliverOrder, settled, stockedProduct } from '../support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../support/shop.ts';

let shop: TestShop;
let alice: Customer;
let bob: Customer;
let product: string;

beforeAll(async () => {
  shop = await startShop();
  [alice, bob] = await Promise.all([shop.registerCustomer(), shop.registerCustomer()]);
  product = await stockedProduct(shop, 100, 2500);
});
afterAll(() => shop?.stop());

const promotion = (body: Record<string, unknown> = {}) => newPromotion(shop, body);
const order = (
  customer: Customer,
  promoCode: string | undefined,
  opts: { quantity?: number; paymentMethod?: string; key?: string; country?: string } = {},
) =>
  shop.call('POST', '/api/orders', {
    token: customer.token,
    headers: { 'idempotency-key': opts.key ?? `k-${Math.random().toString(36).slice(2)}` },
    body: {
      items: [{ productId: product, quantity: opts.quantity ?? 2 }],
      shippingAddress: { ...ADDRESS, country: opts.country ?? 'GB' },
      paymentMethod: opts.paymentMethod ?? 'pm_card_visa',
      promoCode,
    },
  });
const redemptions = async (id: string) =>
  (await shop.call('GET', '/api/admin/promotions?pageSize=100', { token: shop.adminToken })).body.items.find((p: Json) => p.id === id)
    .redemptions;

describe('promotions at checkout', () => {
  it('takes the discount off the total, shares it among the lines, charges the rest and counts the use', async () => {
    const p = await promotion({ percentOff: 15 });
    const quote = await shop.call('GET', `/api/promotions/${p.code}/quote?subtotalCents=5000&currency=EUR`, { token: alice.token });
    expect(quote.body).toEqual({ promotionId: p.id, code: p.code, discountCents: 750 });

    const placed = await order(alice, p.code.toLowerCase());
    expect(placed.status).toBe(202);
    expect(placed.body).toMatchObject({
      subtotalCents: 5000,
      discountCents: 750,
      totalCents: 4250,
      promoCode: p.code,
      taxRatePercent: 20,
      taxCents: 708,
    });
    expect(placed.body.items[0]).toMatchObject({ lineTotalCents: 5000, discountCents: 750 });
    const confirmed = await settled(shop, alice.token, placed.body.id);
    expect(confirmed.status).toBe('CONFIRMED');
    const [payment] = (await shop.call('GET', `/api/payments?orderId=${confirmed.id}`, { token: alice.token })).body.items;
    expect(payment).toMatchObject({ status: 'CAPTURED', amountCents: 4250 });
    await shop.waitFor(async () => (await redemptions(p.id)) === 1);

    const again = await order(alice, p.code);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({
      code: 'promotion_not_applicable',
      errors: [{ field: 'body.promoCode', message: 'You have used this code already' }],
    });
  });

  it('gives the code back when its order fails, so it can be used again', async () => {
    const p = await promotion({ maxRedemptions: 1 });
    const declined = await order(bob, p.code, { paymentMethod: 'pm_card_chargeDeclined' });
    expect(declined.status).toBe(202);
    expect((await settled(shop, bob.token, declined.body.id)).status).toBe('CANCELLED');
    await shop.waitFor(async () => (await redemptions(p.id)) === 0);
    const retried = await order(bob, p.code);
    expect(retried.status).toBe(202);
    expect(retried.body.discountCents).toBe(500);
  });

  it('never lets more orders use a code than its limit, even at the same moment', async () => {
    const p = await promotion({ maxRedemptions: 1 });
    const [carol, dave] = await Promise.all([shop.registerCustomer(), shop.registerCustomer()]);
    const both = await Promise.all([order(carol, p.code), order(dave, p.code)]);
    expect(both.map((r) => r.status).sort()).toEqual([202, 422]);
    expect(both.find((r) => r.status === 422)!.body.errors[0].message).toBe('This code has been used up');
    expect(await redemptions(p.id)).toBe(1);
  });

  it('holds a code once for a repeated Idempotency-Key', async () => {
    const p = await promotion({ perCustomerLimit: 1 });
    const erin = await shop.registerCustomer();
    const first = await order(erin, p.code, { key: 'promo-same' });
    const second = await order(erin, p.code, { key: 'promo-same' });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.id).toBe(first.body.id);
    expect(await redemptions(p.id)).toBe(1);
  });

  it('refuses a code that does not apply, naming the field, and places nothing', async () => {
    const future = await promotion({ startsAt: new Date(Date.now() + 86_400_000).toISOString() });
    const big = await promotion({ minSubtotalCents: 100_000 });
    const usd = await promotion({ kind: 'fixed', percentOff: undefined, amountOffCents: 500, currency: 'USD' });
    const expired = await promotion({ endsAt: new Date(Date.now() + 50).toISOString() });
    await new Promise((r) => setTimeout(r, 60));
    for (const [code, message] of [
      [future.code, 'This code is not valid yet'],
      [big.code, 'This code needs a subtotal of at least €1,000.00'],
      [usd.code, 'This code applies to orders in USD'],
      [expired.code, 'This code has expired'],
      ['NO-SUCH-CODE', 'Promotion code not found'],
    ]) {
      const res = await order(alice, code);
      expect(res.status, code).toBe(422);
      expect(res.body.errors, code).toEqual([{ field: 'body.promoCode', message }]);
    }
    expect((await order(alice, 'a!')).body.errors[0].field).toBe('body.promoCode');
  });

  it('refunds a returned item of a discounted order at what was paid for it', async () => {
    const p = await promotion({ kind: 'fixed', percentOff: undefined, amountOffCents: 1000, currency: 'EUR' });
    const frank = await shop.registerCustomer();
    const placed = await order(frank, p.code, { quantity: 2 });
    expect(placed.body.totalCents).toBe(4000);
    const o = await settled(shop, frank.token, placed.body.id);
    await deliverOrder(shop, frank.token, o.id);
    const returned = await shop.call('POST', '/api/returns', {
      token: frank.token,
      headers: { 'idempotency-key': 'discounted-return' },
      body: { orderId: o.id, items: [{ productId: product, quantity: 1 }], reason: 'other' },
    });
    expect(returned.body.refundCents).toBe(2000);
  });

  it('computes no VAT where the shop has no rate, and the destination’s where it has', async () => {
    const us = await order(alice, undefined, { country: 'US' });
    expect(us.body).toMatchObject({ totalCents: 5000, taxCents: 0, taxRatePercent: 0, discountCents: 0, promoCode: null });
    const de = await order(alice, undefined, { country: 'DE' });
    expect(de.body).toMatchObject({ totalCents: 5000, taxCents: 798, taxRatePercent: 19 });
  });
});

describe('promotion administration', () => {
  it('lets only admins manage promotions, and switches one off', async () => {
    const p = await promotion();
    expect(
      (await shop.call('POST', '/api/admin/promotions', { token: alice.token, body: { code: 'MINE', kind: 'percent', percentOff: 90 } }))
        .status,
    ).toBe(403);
    expect((await shop.call('GET', '/api/admin/promotions', { token: alice.token })).status).toBe(403);
    expect((await shop.call('GET', `/api/promotions/${p.code}/quote?subtotalCents=100&currency=EUR`)).status).toBe(401);
    const off = await shop.call('PATCH', `/api/admin/promotions/${p.id}`, { token: shop.adminToken, body: { active: false } });
    expect(off.body.active).toBe(false);
    expect((await order(bob, p.code)).body.errors[0].message).toBe('This code is not valid');
    expect(
      (
        await shop.call('PATCH', '/api/admin/promotions/0190a000-0000-7000-8000-0000000000ff', {
          token: shop.adminToken,
          body: { active: true },
        })
      ).status,
    ).toBe(404);
  });
});
