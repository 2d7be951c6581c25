import { WISHLIST_MAX_ITEMS, wishlist, wishlistItem, wishlistItemParams } from '@mercato/contracts';
import { requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { removeProduct } from '../app/remove-product.ts';
import { saveProduct } from '../app/save-product.ts';
import { catalogProducts } from '../clients/catalog.ts';
import { savedItems } from '../db/items-repo.ts';
import { itemView, wishlistView } from '../domain/wishlist.ts';

const tags = ['wishlists'];
const security = [{ bearerAuth: [] }];

export function wishlistsRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;
  const products = catalogProducts(ctx.clients);

  app.get(
    '/api/wishlist',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Your saved products, newest first, with their names and prices now',
        security,
        response: { 200: wishlist },
      },
    },
    async (req) => {
      const saved = await savedItems(db, requireUser(req).userId);
      return wishlistView(saved, await products(saved.map((s) => s.productId)));
    },
  );

  app.put(
    '/api/wishlist/items/:productId',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Save a product (201; 200 when it is saved already)',
        description: `404 for a product the catalog does not have; at most ${WISHLIST_MAX_ITEMS} products (409 wishlist_full).`,
        security,
        params: wishlistItemParams,
        response: { 200: wishlistItem, 201: wishlistItem },
      },
    },
    async (req, reply) => {
      const { item, product, added } = await saveProduct(db, products, requireUser(req).userId, req.params.productId);
      return reply.code(added ? 201 : 200).send(itemView(item, product));
    },
  );

  app.delete(
    '/api/wishlist/items/:productId',
    {
      ...signedIn,
      schema: { tags, summary: 'Remove a product from your wishlist (204, saved or not)', security, params: wishlistItemParams },
    },
    async (req, reply) => {
      await removeProduct(db, requireUser(req).userId, req.params.productId);
      return reply.code(204).send();
    },
  );
}
