import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, stockedProduct } from '../../../test/support/checkout.ts';
import { startShop, type TestShop } from '../../../test/support/shop.ts';

let shop: TestShop;
beforeAll(async () => {
  // Payments never answer here, so a reservation stays held while the test looks at it.
  shop = await startShop();
  await shop.db.query("DELETE FROM bus.subscriptions WHERE consumer = 'payments'");
});
afterAll(() => shop?.stop());

describe('inventory', () => {
  it('sets on-hand as admin and reports available = on hand − reserved', async () => {
    const p = await stockedProduct(shop, 10);
    const set = await shop.call('PUT', `/api/inventory/${p}`, { token: shop.adminToken, body: { onHand: 12 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ productId: p, onHand: 12, reserved: 0, available: 12 });
    const many = await shop.call('GET', `/api/inventory?productIds=${p},0190a000-0000-7000-8000-000000000009`);
    expect(many.body.items).toEqual([
      { productId: p, onHand: 12, reserved: 0, available: 12 },
      { productId: '0190a000-0000-7000-8000-000000000009', onHand: 0, reserved: 0, available: 0 },
    ]);
  });

  it('refuses to set on-hand below what open orders hold', async () => {
    const customer = await shop.registerCustomer();
    const p = await stockedProduct(shop, 5);
    await placeOrder(shop, customer.token, [{ productId: p, quantity: 4 }]);
    await shop.waitFor(async () => (await shop.call('GET', `/api/inventory/${p}`)).body.reserved === 4);
    const res = await shop.call('PUT', `/api/inventory/${p}`, { token: shop.adminToken, body: { onHand: 3 } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('stock_below_reserved');
    expect((await shop.call('GET', `/api/inventory/${p}`)).body).toEqual({ productId: p, onHand: 5, reserved: 4, available: 1 });
    expect((await shop.call('PUT', `/api/inventory/${p}`, { token: shop.adminToken, body: { onHand: 4 } })).status).toBe(200);
  });

  it('validates the body and the id, and needs the admin role', async () => {
    const p = await stockedProduct(shop, 1);
    for (const body of [{ onHand: -1 }, { onHand: 1.5 }, {}, { onHand: '3' }]) {
      const res = await shop.call('PUT', `/api/inventory/${p}`, { token: shop.adminToken, body });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('body.onHand');
    }
    expect((await shop.call('PUT', '/api/inventory/not-a-uuid', { token: shop.adminToken, body: { onHand: 1 } })).status).toBe(400);
    const customer = await shop.registerCustomer();
    expect((await shop.call('PUT', `/api/inventory/${p}`, { token: customer.token, body: { onHand: 100 } })).status).toBe(403);
    expect((await shop.call('GET', '/api/admin/inventory/low-stock', { token: customer.token })).status).toBe(403);
  });

  it('lists low stock and totals for admins', async () => {
    const p = await stockedProduct(shop, 1);
    const low = await shop.call('GET', '/api/admin/inventory/low-stock?threshold=1&limit=100', { token: shop.adminToken });
    expect(low.body.items.some((s: any) => s.productId === p && s.available === 1)).toBe(true);
    const totals = await shop.call('GET', '/api/admin/inventory/totals', { token: shop.adminToken });
    expect(totals.body.onHand).toBeGreaterThan(0);
    expect(totals.body.openReservations).toBeGreaterThanOrEqual(1);
  });
});
