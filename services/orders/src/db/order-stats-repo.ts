import { ORDER_STATUSES, type OrderStats, type OrderStatus } from '@mercato/contracts';
import type { Queryable } from '@mercato/kernel';

/** The start of the window: the current UTC hour and the `hours - 1` before it. */
const WINDOW_START = `date_trunc('hour', now(), 'UTC') - ($1::int - 1) * interval '1 hour'`;

/**
 * Orders placed in the last `hours` hours: counts by status, and per hour the orders and the revenue of those
 * confirmed (and since shipped or delivered).
 */
export async function readOrderStats(db: Queryable, hours: number): Promise<OrderStats> {
  const [statuses, currencies] = await Promise.all([
    db.query<{ status: OrderStatus; n: number }>(
      `SELECT status, count(*)::int AS n FROM orders.orders WHERE created_at >= ${WINDOW_START} GROUP BY status`,
      [hours],
    ),
    db.query<{ currency: string }>(
      `SELECT currency FROM orders.orders WHERE created_at >= ${WINDOW_START} GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1`,
      [hours],
    ),
  ]);
  const currency = currencies[0]?.currency.trim() ?? null;
  // generate_series gives every hour of the window, so hours without orders show as zeros.
  const perHour = await db.query<{ hour: Date; orders: number; revenue: number }>(
    `SELECT h.hour, count(o.id)::int AS orders,
       coalesce(sum(o.total_cents) FILTER (WHERE o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') AND o.currency = $2), 0)::bigint
         AS revenue
     FROM generate_series(${WINDOW_START}, date_trunc('hour', now(), 'UTC'), interval '1 hour') AS h(hour)
     LEFT JOIN orders.orders o ON o.created_at >= h.hour AND o.created_at < h.hour + interval '1 hour'
     GROUP BY h.hour ORDER BY h.hour`,
    [hours, currency],
  );
  const counts = new Map(statuses.map((s) => [s.status, s.n]));
  return {
    currency,
    byStatus: Object.fromEntries(ORDER_STATUSES.map((s) => [s, counts.get(s) ?? 0])) as OrderStats['byStatus'],
    perHour: perHour.map((r) => ({ hour: new Date(r.hour).toISOString(), orders: r.orders, confirmedRevenueCents: r.revenue })),
  };
}
