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

const notices = async (token: string, query = '') => (await shop.call('GET', `/api/notifications${query}`, { token })).body;

/** Waits for the customer's notices of one order until `kinds` have all arrived, newest first. */
const noticesFor = (customer: Customer, orderId: string, kinds: string[]) =>
  shop.waitFor(async () => {
    const mine = (await notices(customer.token, '?pageSize=100')).items.filter((n: any) => n.orderId === orderId);
    return kinds.every((k) => mine.some((n: any) => n.kind === k)) && mine;
  });

async function settledOrder(customer: Customer, paymentMethod = 'pm_card_visa') {
  const p = await stockedProduct(shop, 10, 1_999);
  const placed = await placeOrder(shop, customer.token, [{ productId: p, quantity: 1 }], { paymentMethod });
  return settled(shop, customer.token, placed.body.id);
}

describe('notifications through the checkout saga', () => {
  it('tells the customer an order was received and confirmed, in the app and in the email outbox', async () => {
    const order = await settledOrder(alice);
    const mine = await noticesFor(alice, order.id, ['order.placed', 'order.confirmed']);
    expect(mine.map((n: any) => n.kind)).toEqual(['order.confirmed', 'order.placed']);
    expect(mine[0]).toMatchObject({ title: 'Order confirmed', read: false, body: expect.stringContaining('€19.99') });

    const emails = (await shop.call('GET', '/api/admin/emails?pageSize=100', { token: shop.adminToken })).body.items;
    const aliceMail = emails.filter((e: any) => e.userId === alice.id);
    expect(aliceMail.length).toBeGreaterThanOrEqual(2);
    expect(aliceMail.every((e: any) => e.to === alice.email && e.status === 'kept')).toBe(true);
    expect(aliceMail.map((e: any) => e.subject)).toContain(`Order confirmed (order #${order.id.slice(-8).toUpperCase()})`);
  });

  it('explains a cancellation for a declined card', async () => {
    const order = await settledOrder(alice, 'pm_card_chargeDeclined');
    const [cancelled] = (await noticesFor(alice, order.id, ['order.cancelled'])).filter((n: any) => n.kind === 'order.cancelled');
    expect(cancelled.body).toContain('because your payment was declined');
  });

  it('announces the refund when a paid order is cancelled', async () => {
    const order = await settledOrder(alice);
    await shop.call('POST', `/api/orders/${order.id}/cancel`, { token: alice.token });
    const mine = await noticesFor(alice, order.id, ['order.cancelled', 'payment.refunded']);
    expect(mine.find((n: any) => n.kind === 'payment.refunded').body).toContain('We refunded €19.99');
  });
});
