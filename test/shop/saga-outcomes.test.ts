import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../support/json.ts';
import { noticesOf } from '../support/notifications.ts';
import { placeOrder, settled, settledOrder as settle, stockedProduct } from '../support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../support/shop.ts';

/** What the checkout saga's outcomes mean for the customer's payments and notices. */
let shop: TestShop;
let alice: Customer;

beforeAll(async () => {
  shop = await startShop();
  alice = await shop.registerCustomer();
});
afterAll(() => shop?.stop());

const noticesFor = (customer: Customer, orderId: string, kinds: string[]) => noticesOf(shop, customer, orderId, kinds);

/** An order of 19.99, settled. */
const settledOrder = (customer: Customer, paymentMethod = 'pm_card_visa') => settle(shop, customer, { paymentMethod, priceCents: 1_999 });

describe('notifications through the checkout saga', () => {
  it('tells the customer an order was received and confirmed, in the app and in the email outbox', async () => {
    const order = await settledOrder(alice);
    const mine = await noticesFor(alice, order.id, ['order.placed', 'order.confirmed']);
    expect(mine.map((n: Json) => n.kind)).toEqual(['order.confirmed', 'order.placed']);
    expect(mine[0]).toMatchObject({ title: 'Order confirmed', read: false, body: expect.stringContaining('€19.99') });

    const emails = (await shop.call('GET', '/api/admin/emails?pageSize=100', { token: shop.adminToken })).body.items;
    const aliceMail = emails.filter((e: Json) => e.userId === alice.id);
    expect(aliceMail.length).toBeGreaterThanOrEqual(2);
    expect(aliceMail.every((e: Json) => e.to === alice.email && e.status === 'kept')).toBe(true);
    expect(aliceMail.map((e: Json) => e.subject)).toContain(`Order confirmed (order #${order.id.slice(-8).toUpperCase()})`);
  });

  it('explains a cancellation for a declined card', async () => {
    const order = await settledOrder(alice, 'pm_card_chargeDeclined');
    const [cancelled] = (await noticesFor(alice, order.id, ['order.cancelled'])).filter((n: Json) => n.kind === 'order.cancelled');
    expect(cancelled.body).toContain('because your payment was declined');
  });

  it('announces the refund when a paid order is cancelled', async () => {
    const order = await settledOrder(alice);
    await shop.call('POST', `/api/orders/${order.id}/cancel`, { token: alice.token });
    const mine = await noticesFor(alice, order.id, ['order.cancelled', 'payment.refunded']);
    expect(mine.find((n: Json) => n.kind === 'payment.refunded').body).toContain('We refunded €19.99');
  });
});

const paymentsOf = async (token: string, orderId: string) =>
  (await shop.call('GET', `/api/payments?orderId=${orderId}`, { token })).body.items;

/** An order of 2 × 12.50, settled. */
const paidOrder = (customer: Customer, paymentMethod = 'pm_card_visa', priceCents = 1_250, quantity = 2) =>
  settle(shop, customer, { paymentMethod, priceCents, quantity });

describe('payments through the checkout saga', () => {
  it('captures exactly the order total, once', async () => {
    const order = await paidOrder(alice, 'pm_card_mastercard');
    expect(order.status).toBe('CONFIRMED');
    const [payment, ...more] = await paymentsOf(alice.token, order.id);
    expect(more).toEqual([]);
    expect(payment).toMatchObject({
      orderId: order.id,
      amountCents: 2_500,
      refundedCents: 0,
      currency: 'EUR',
      status: 'CAPTURED',
      // The customer never sees the method's token.
      method: null,
      provider: 'simulator',
      declineReason: null,
    });
    expect((await shop.call('GET', `/api/payments/${payment.id}`, { token: alice.token })).body).toEqual(payment);
  });

  it('records a decline with its reason and cancels the order', async () => {
    const order = await paidOrder(alice, 'pm_card_insufficientFunds');
    expect(order).toMatchObject({ status: 'CANCELLED', statusReason: 'payment_declined' });
    expect(await paymentsOf(alice.token, order.id)).toMatchObject([
      { status: 'DECLINED', declineReason: 'insufficient_funds', amountCents: 2_500 },
    ]);
  });

  it('refunds the capture in full when a confirmed order is cancelled', async () => {
    const order = await paidOrder(alice);
    expect((await shop.call('POST', `/api/orders/${order.id}/cancel`, { token: alice.token })).status).toBe(202);
    const refunded = await shop.waitFor(async () => {
      const [p] = await paymentsOf(alice.token, order.id);
      return p?.status === 'REFUNDED' && p;
    });
    expect(refunded).toMatchObject({ amountCents: 2_500, refundedCents: 2_500 });
  });

  it('never charges an order rejected for lack of stock', async () => {
    const p = await stockedProduct(shop, 1);
    const placed = await placeOrder(shop, alice.token, [{ productId: p, quantity: 2 }]);
    expect((await settled(shop, alice.token, placed.body.id)).status).toBe('REJECTED');
    expect(await paymentsOf(shop.adminToken, placed.body.id)).toEqual([]);
  });
});
