import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { onProductDeleted } from './handlers/product-deleted.ts';
import { wishlistsRoutes } from './http/routes.ts';

/**
 * Wishlists: the products a signed-in customer saved for later, in tables of their own; names and
 * prices are read from the catalog on every view, and a deleted product leaves every wishlist.
 */
export const wishlistsService = defineService<EventSchemas>()({
  name: 'wishlists',
  publicPaths: ['/api/wishlist'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  upstreams: ['catalog'],
  create(ctx) {
    return {
      routes: (app) => wishlistsRoutes(app, ctx),
      handlers: { 'product.deleted': onProductDeleted },
    };
  },
});
