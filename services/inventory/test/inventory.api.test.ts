import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { inventoryService } from '../src/index.ts';

/** Inventory alone: stock is set through its API, and orders reach it as their events. */
let host: Host;
beforeAll(async () => {
  host = await hostService(inventoryService);
});
afterAll(() => host?.close());

/** A product with stock, set as the admin: inventory keeps stock by product id and asks no catalog. */
async function stocked(onHand: number) {
  const productId = newId();
  const res = await host.call('PUT', `/api/inventory/${productId}`, { token: host.adminToken, body: { onHand } });
  if (res.status !== 200) throw new Error(`set stock: ${res.status}`);
  return productId;
}

describe('inventory', () => {
  it('sets on-hand as admin and reports available = on hand − reserved', async () => {
    const p = await stocked(10);
    const set = await host.call('PUT', `/api/inventory/${p}`, { token: host.adminToken, body: { onHand: 12 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ productId: p, onHand: 12, reserved: 0, available: 12 });
    const many = await host.call('GET', `/api/inventory?productIds=${p},0190a000-0000-7000-8000-000000000009`);
    expect(many.body.items).toEqual([
      { productId: p, onHand: 12, reserved: 0, available: 12 },
      { productId: '0190a000-0000-7000-8000-000000000009', onHand: 0, reserved: 0, available: 0 },
    ]);
  });

  it('refuses to set on-hand below what open orders hold', async () => {
    const customer = host.signedIn();
    const p = await stocked(5);
    // An order of 4 is placed, and payments never answers: the reservation stays held.
    await host.receive('order.placed', {
      orderId: newId(),
      customerId: customer.id,
      items: [{ productId: p, quantity: 4, unitPriceCents: 1000 }],
      totalCents: 4000,
      currency: 'EUR',
    });
    expect((await host.call('GET', `/api/inventory/${p}`)).body.reserved).toBe(4);
    const res = await host.call('PUT', `/api/inventory/${p}`, { token: host.adminToken, body: { onHand: 3 } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('stock_below_reserved');
    expect((await host.call('GET', `/api/inventory/${p}`)).body).toEqual({ productId: p, onHand: 5, reserved: 4, available: 1 });
    expect((await host.call('PUT', `/api/inventory/${p}`, { token: host.adminToken, body: { onHand: 4 } })).status).toBe(200);
  });

  it('validates the body and the id, and needs the admin role', async () => {
    const p = await stocked(1);
    for (const body of [{ onHand: -1 }, { onHand: 1.5 }, {}, { onHand: '3' }]) {
      const res = await host.call('PUT', `/api/inventory/${p}`, { token: host.adminToken, body });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('body.onHand');
    }
    expect((await host.call('PUT', '/api/inventory/not-a-uuid', { token: host.adminToken, body: { onHand: 1 } })).status).toBe(400);
    const customer = host.signedIn();
    expect((await host.call('PUT', `/api/inventory/${p}`, { token: customer.token, body: { onHand: 100 } })).status).toBe(403);
    expect((await host.call('GET', '/api/admin/inventory/low-stock', { token: customer.token })).status).toBe(403);
  });

  it('lists low stock and totals for admins', async () => {
    const p = await stocked(1);
    const low = await host.call('GET', '/api/admin/inventory/low-stock?threshold=1&limit=100', { token: host.adminToken });
    expect(low.body.items.some((s: Json) => s.productId === p && s.available === 1)).toBe(true);
    const totals = await host.call('GET', '/api/admin/inventory/totals', { token: host.adminToken });
    expect(totals.body.onHand).toBeGreaterThan(0);
    expect(totals.body.openReservations).toBeGreaterThanOrEqual(1);
  });
});
