import type { ServiceModule } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { orderEventHandlers } from './handlers/order-events.ts';
import { returnEventHandlers } from './handlers/return-events.ts';
import { inventoryRoutes } from './http/routes.ts';

/** Stock and reservations: the service that makes overselling impossible. */
export const inventoryService: ServiceModule = {
  name: 'inventory',
  publicPaths: ['/api/inventory', '/api/admin/inventory'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  async create(ctx) {
    return { routes: (app) => inventoryRoutes(app, ctx), handlers: { ...orderEventHandlers(ctx), ...returnEventHandlers() } };
  },
};
