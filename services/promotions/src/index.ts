import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { holdMachine } from './domain/hold-machine.ts';
import { discountEventHandlers, staleHoldsTimer } from './handlers/discount-events.ts';
import { promotionsInternalRoutes } from './http/internal-routes.ts';
import { promotionsRoutes } from './http/routes.ts';
import { promotionsSettings } from './settings.ts';

/**
 * Promotions: codes an admin creates (a percentage or an amount off, a minimum subtotal, a validity
 * window, overall and per-customer limits). Orders holds a code for each order that uses one; the
 * hold counts against the limits until the order is confirmed (used) or fails (given back).
 */
export const promotionsService = defineService<EventSchemas>()({
  name: 'promotions',
  publicPaths: ['/api/promotions', '/api/admin/promotions'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: promotionsSettings,
  stateMachines: [holdMachine],
  async create(ctx) {
    return {
      routes: (app) => promotionsRoutes(app, ctx),
      internalRoutes: (app) => promotionsInternalRoutes(app, ctx),
      handlers: discountEventHandlers(),
      timers: [staleHoldsTimer(ctx)],
    };
  },
});
