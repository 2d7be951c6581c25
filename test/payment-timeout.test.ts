import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, settled, stockedProduct } from './support/checkout.ts';
import { startShop, type TestShop } from './support/shop.ts';

let shop: TestShop;

beforeAll(async () => {
  shop = await startShop({ ORDER_PAYMENT_TIMEOUT: '1s' });
});
afterAll(() => shop?.stop());

describe('payment timeout', () => {
  it('cancels an order whose payment never answers, and releases its stock', async () => {
    const customer = await shop.registerCustomer();
    const p = await stockedProduct(shop, 4);
    // The payments service is down: its subscription receives nothing.
    await shop.db.query("DELETE FROM bus.subscriptions WHERE consumer = 'payments'");
    const placed = await placeOrder(shop, customer.token, [{ productId: p, quantity: 3 }]);
    await shop.waitFor(
      async () => (await shop.call('GET', `/api/orders/${placed.body.id}`, { token: customer.token })).body.status === 'AWAITING_PAYMENT',
    );
    expect((await shop.call('GET', `/api/inventory/${p}`)).body).toMatchObject({ reserved: 3, available: 1 });

    const order = await settled(shop, customer.token, placed.body.id);
    expect(order).toMatchObject({ status: 'CANCELLED', statusReason: 'payment_timeout' });
    await shop.waitFor(async () => (await shop.call('GET', `/api/inventory/${p}`)).body.reserved === 0);
    expect((await shop.call('GET', `/api/inventory/${p}`)).body).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
  });
});
