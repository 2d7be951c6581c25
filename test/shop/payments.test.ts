import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, settled, stockedProduct } from '../support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../support/shop.ts';

let shop: TestShop;
let alice: Customer;

beforeAll(async () => {
  shop = await startShop();
  alice = await shop.registerCustomer();
});
afterAll(() => shop?.stop());

const paymentsOf = async (token: string, orderId: string) =>
  (await shop.call('GET', `/api/payments?orderId=${orderId}`, { token })).body.items;

async function settledOrder(customer: Customer, paymentMethod = 'pm_card_visa', priceCents = 1_250, quantity = 2) {
  const p = await stockedProduct(shop, 10, priceCents);
  const placed = await placeOrder(shop, customer.token, [{ productId: p, quantity }], { paymentMethod });
  expect(placed.status).toBe(202);
  return settled(shop, customer.token, placed.body.id);
}

describe('payments through the checkout saga', () => {
  it('captures exactly the order total, once', async () => {
    const order = await settledOrder(alice, 'pm_card_mastercard');
    expect(order.status).toBe('CONFIRMED');
    const [payment, ...more] = await paymentsOf(alice.token, order.id);
    expect(more).toEqual([]);
    expect(payment).toMatchObject({
      orderId: order.id,
      amountCents: 2_500,
      refundedCents: 0,
      currency: 'EUR',
      status: 'CAPTURED',
      method: 'pm_card_mastercard',
      declineReason: null,
    });
    expect((await shop.call('GET', `/api/payments/${payment.id}`, { token: alice.token })).body).toEqual(payment);
  });

  it('records a decline with its reason and cancels the order', async () => {
    const order = await settledOrder(alice, 'pm_card_insufficientFunds');
    expect(order).toMatchObject({ status: 'CANCELLED', statusReason: 'payment_declined' });
    expect(await paymentsOf(alice.token, order.id)).toMatchObject([
      { status: 'DECLINED', declineReason: 'insufficient_funds', amountCents: 2_500 },
    ]);
  });

  it('refunds the capture in full when a confirmed order is cancelled', async () => {
    const order = await settledOrder(alice);
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
