import type { EventSchemas } from '@mercato/contracts';
import type { ServiceModule } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { discountEventHandlers, staleHoldsTimer } from './handlers/discount-events.ts';
import { promotionsRoutes } from './http/routes.ts';

/**
 * Promotions: codes an admin creates (a percentage or an amount off, a minimum subtotal, a validity
 * window, overall and per-customer limits). Orders holds a code for each order that uses one; the
 * hold counts against the limits until the order is confirmed (used) or fails (given back).
 */
export const promotionsService: ServiceModule<EventSchemas> = {
  name: 'promotions',
  publicPaths: ['/api/promotions', '/api/admin/promotions'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  async create(ctx) {
    return {
      routes: (app) => promotionsRoutes(app, ctx),
      handlers: discountEventHandlers(),
      timers: [staleHoldsTimer(ctx)],
    };
  },
};
