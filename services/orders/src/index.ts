import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { orderMachine } from './domain/order-machine.ts';
import { paymentTimeoutTimer } from './handlers/payment-timeout.ts';
import { sagaEventHandlers } from './handlers/saga-events.ts';
import { adminStatsRoutes } from './http/admin-stats.ts';
import { orderRoutes } from './http/routes.ts';
import { ordersSettings } from './settings.ts';

/** Orders, and the orchestrator of the checkout saga. */
export { SAGA_OUTCOMES } from './domain/checkout-saga.ts';
export { actionsIn } from './app/order-view.ts';

export const ordersService = defineService<EventSchemas>()({
  name: 'orders',
  publicPaths: ['/api/orders', '/api/admin/orders'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: ordersSettings,
  upstreams: ['catalog', 'promotions'],
  stateMachines: [orderMachine],
  create(ctx) {
    return {
      routes: (app) => {
        orderRoutes(app, ctx);
        adminStatsRoutes(app, ctx);
      },
      handlers: sagaEventHandlers(ctx),
      timers: [paymentTimeoutTimer(ctx)],
    };
  },
});
