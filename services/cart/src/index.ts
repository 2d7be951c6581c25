import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { cartRoutes } from './http/routes.ts';

/**
 * Shopping carts, kept in the cache port (Redis in the distributed mode) rather than a database:
 * a cart is short-lived, per-visitor state that only ever holds product ids and quantities.
 */
export const cartService = defineService()({
  name: 'cart',
  publicPaths: ['/api/cart'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  upstreams: ['catalog', 'inventory'],
  async create(ctx) {
    return { routes: (app) => cartRoutes(app, ctx) };
  },
});
