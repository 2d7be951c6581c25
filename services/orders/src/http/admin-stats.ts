import { orderStats, orderStatsQuery } from '@mercato/contracts';
import { adminOnly, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { readOrderStats } from '../db/order-stats-repo.ts';

/** The admin dashboard's figures: orders by status, and orders and revenue hour by hour. */
export function adminStatsRoutes(app: HttpApp, ctx: ServiceContext) {
  app.get(
    '/api/admin/orders/stats',
    {
      ...adminOnly,
      schema: {
        tags: ['orders'],
        summary: 'Orders and confirmed revenue per hour, and counts by status, over the last hours (admin)',
        security: [{ bearerAuth: [] }],
        querystring: orderStatsQuery,
        response: { 200: orderStats },
      },
    },
    async (req) => readOrderStats(ctx.db, req.query.hours),
  );
}
