import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { catalogRoutes } from './http/routes.ts';

/** The product catalog: products, prices and search. Prices here are the ones orders snapshot. */
export const catalogService = defineService<EventSchemas>()({
  name: 'catalog',
  publicPaths: ['/api/products'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  create(ctx) {
    return { routes: (app) => catalogRoutes(app, ctx) };
  },
});
