import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { productLookup } from './clients/product-lookup.ts';
import { cartRoutes } from './http/routes.ts';
import { CartStore } from './store/cart-store.ts';

/**
 * Shopping carts, kept in the cache port (Redis in the distributed mode) rather than a database:
 * a cart is short-lived, per-visitor state that only ever holds product ids and quantities. So its
 * store/ is what db/ is elsewhere: the commands in app/ read and write carts through CartStore.
 */
export const cartService = defineService()({
  name: 'cart',
  publicPaths: ['/api/cart'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  upstreams: ['catalog', 'inventory'],
  create(ctx) {
    const carts = { store: new CartStore(ctx.cache), lookup: productLookup(ctx.clients) };
    return { routes: (app) => cartRoutes(app, carts) };
  },
});
