import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { reservationMachine } from './domain/reservation-machine.ts';
import { orderEventHandlers } from './handlers/order-events.ts';
import { returnEventHandlers } from './handlers/return-events.ts';
import { inventoryRoutes } from './http/routes.ts';

/** Stock and reservations: the service that makes overselling impossible. */
export const inventoryService = defineService<EventSchemas>()({
  name: 'inventory',
  publicPaths: ['/api/inventory', '/api/admin/inventory'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  stateMachines: [reservationMachine],
  create(ctx) {
    return { routes: (app) => inventoryRoutes(app, ctx), handlers: { ...orderEventHandlers(ctx.outbox), ...returnEventHandlers() } };
  },
});
