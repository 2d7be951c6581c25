import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, settled, stockedProduct } from '../../../test/support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../../../test/support/shop.ts';

let shop: TestShop;
let alice: Customer;
let ids: { confirmed: string; declined: string; rejected: string; old: string };
/** Each order as placed, with the status it settled in and its (possibly backdated) creation time. */
let placed: Array<{ id: string; status: string; totalCents: number; createdAt: string }>;

const HOUR = 3_600_000;
const hourStart = (ms: number) => new Date(Math.floor(ms / HOUR) * HOUR).toISOString();

/** Moves an order's placement back in time, as if it had been placed hours ago. */
const backdate = (orderId: string, hours: number) =>
  shop.db.query(`UPDATE orders.orders SET created_at = created_at - ($2 || ' hours')::interval WHERE id = $1`, [orderId, String(hours)]);

beforeAll(async () => {
  shop = await startShop();
  alice = await shop.registerCustomer();
  const p = await stockedProduct(shop, 3, 1500);
  const place = async (quantity: number, paymentMethod = 'pm_card_visa') => {
    const res = await placeOrder(shop, alice.token, [{ productId: p, quantity }], { paymentMethod });
    await settled(shop, alice.token, res.body.id);
    return res.body.id as string;
  };
  ids = { confirmed: await place(1), declined: await place(1, 'pm_card_chargeDeclined'), rejected: await place(10), old: await place(2) };
  await backdate(ids.old, 3);
  // A shipped order still counts in the revenue of the hour it was placed in.
  expect((await shop.call('POST', `/api/orders/${ids.old}/ship`, { token: shop.adminToken })).status).toBe(202);
  placed = await Promise.all(
    Object.values(ids).map(async (id) => (await shop.call('GET', `/api/orders/${id}`, { token: alice.token })).body),
  );
});
afterAll(() => shop?.stop());

const stats = (query = '', token = shop.adminToken) => shop.call('GET', `/api/admin/orders/stats${query}`, { token });

/** What the stats should say about the window that starts at `from`, computed from the orders themselves. */
function expected(from: string) {
  const inWindow = placed.filter((o) => o.createdAt >= from);
  const byStatus = {
    PENDING: 0,
    AWAITING_PAYMENT: 0,
    AWAITING_ACTION: 0,
    CONFIRMED: 0,
    REJECTED: 0,
    CANCELLED: 0,
    SHIPPED: 0,
    DELIVERED: 0,
  } as Record<string, number>;
  const perHour = new Map<string, { orders: number; confirmedRevenueCents: number }>();
  for (const o of inWindow) {
    byStatus[o.status]!++;
    const h = perHour.get(hourStart(Date.parse(o.createdAt))) ?? { orders: 0, confirmedRevenueCents: 0 };
    h.orders++;
    if (['CONFIRMED', 'SHIPPED', 'DELIVERED'].includes(o.status)) h.confirmedRevenueCents += o.totalCents;
    perHour.set(hourStart(Date.parse(o.createdAt)), h);
  }
  return { byStatus, perHour };
}

describe('GET /api/admin/orders/stats', () => {
  it('counts the window’s orders by status and gives every hour, zeros included', async () => {
    const before = Date.now();
    const res = await stats();
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.body.currency).toBe('EUR');

    const hours: Array<{ hour: string; orders: number; confirmedRevenueCents: number }> = res.body.perHour;
    expect(hours).toHaveLength(24);
    expect([hourStart(before), hourStart(after)]).toContain(hours.at(-1)!.hour);
    hours.slice(1).forEach((h, i) => expect(Date.parse(h.hour) - Date.parse(hours[i]!.hour)).toBe(HOUR));

    const want = expected(hours[0]!.hour);
    expect(want.byStatus).toEqual({
      PENDING: 0,
      AWAITING_PAYMENT: 0,
      AWAITING_ACTION: 0,
      CONFIRMED: 1,
      REJECTED: 1,
      CANCELLED: 1,
      SHIPPED: 1,
      DELIVERED: 0,
    });
    expect(res.body.byStatus).toEqual(want.byStatus);
    for (const h of hours) expect(h).toEqual({ hour: h.hour, ...(want.perHour.get(h.hour) ?? { orders: 0, confirmedRevenueCents: 0 }) });
    expect(hours.filter((h) => h.orders > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('narrows to the last hours asked for', async () => {
    const res = await stats('?hours=1');
    expect(res.body.perHour).toHaveLength(1);
    const want = expected(res.body.perHour[0].hour);
    expect(res.body.byStatus).toEqual(want.byStatus);
    expect(res.body.byStatus.SHIPPED).toBe(0);
    expect((await stats('?hours=168')).body.perHour).toHaveLength(168);
  });

  it('validates hours and needs the admin role', async () => {
    for (const q of ['?hours=0', '?hours=169', '?hours=abc', '?hours=1.5']) {
      const res = await stats(q);
      expect(res.status, q).toBe(400);
      expect(res.body.errors[0].field).toBe('querystring.hours');
    }
    expect((await stats('', alice.token)).status).toBe(403);
    expect((await shop.call('GET', '/api/admin/orders/stats')).status).toBe(401);
  });
});

describe('GET /api/orders?from=&to=', () => {
  const list = async (query: string) => {
    const res = await shop.call('GET', `/api/orders?pageSize=100&${query}`, { token: alice.token });
    expect(res.status, query).toBe(200);
    return { ids: res.body.items.map((o: any) => o.id).sort(), total: res.body.total };
  };

  it('keeps orders placed from `from` (inclusive) to `to` (exclusive)', async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * HOUR).toISOString();
    const recent = [ids.confirmed, ids.declined, ids.rejected].sort();
    expect(await list(`from=${twoHoursAgo}`)).toEqual({ ids: recent, total: 3 });
    expect(await list(`to=${twoHoursAgo}`)).toEqual({ ids: [ids.old], total: 1 });
    expect((await list(`from=${new Date(Date.now() + HOUR).toISOString()}`)).total).toBe(0);
    expect(await list(`from=${twoHoursAgo}&status=CONFIRMED`)).toEqual({ ids: [ids.confirmed], total: 1 });
    expect((await list(`from=${encodeURIComponent('2000-01-01T00:00:00+02:00')}&to=${encodeURIComponent(twoHoursAgo)}`)).ids).toEqual([
      ids.old,
    ]);

    const { body: old } = await shop.call('GET', `/api/orders/${ids.old}`, { token: alice.token });
    expect(await list(`from=${old.createdAt}&to=${twoHoursAgo}`)).toEqual({ ids: [ids.old], total: 1 });
    expect((await list(`from=${twoHoursAgo}&to=${old.createdAt}`)).total).toBe(0);
  });

  it('answers 400 naming the field for a date that is not an ISO date-time', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'querystring.from'],
      ['to=2024-13-01T00:00:00Z', 'querystring.to'],
      ['from=2024-05-01', 'querystring.from'],
    ]) {
      const res = await shop.call('GET', `/api/orders?${query}`, { token: alice.token });
      expect(res.status, query).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
  });
});
