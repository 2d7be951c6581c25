import { WISHLIST_MAX_ITEMS, wishlist, wishlistItem, wishlistItemParams } from '@mercato/contracts';
import { conflict, notFound, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { catalogProducts } from '../clients/catalog.ts';
import { deleteItem, insertItem, lockWishlist, savedItems } from '../db/items-repo.ts';
import { itemView, planAddition, wishlistView } from '../domain/wishlist.ts';

const tags = ['wishlists'];
const security = [{ bearerAuth: [] }];

export function wishlistsRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;
  const products = catalogProducts(ctx.clients);

  app.get(
    '/api/wishlist',
    { ...signedIn, schema: { tags, summary: 'Your saved products, newest first, with their names and prices now', security, response: { 200: wishlist } } },
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
      const { userId } = requireUser(req);
      const { productId } = req.params;
      const product = (await products([productId])).get(productId);
      if (!product) throw notFound('Product');
      const { item, added } = await db.transaction(async (tx) => {
        await lockWishlist(tx, userId);
        const plan = planAddition(await savedItems(tx, userId), productId, WISHLIST_MAX_ITEMS);
        if (plan.kind === 'full') throw conflict('wishlist_full', `A wishlist holds at most ${WISHLIST_MAX_ITEMS} products`);
        if (plan.kind === 'present') return { item: plan.item, added: false };
        return { item: await insertItem(tx, userId, productId), added: true };
      });
      return reply.code(added ? 201 : 200).send(itemView(item, product));
    },
  );

  app.delete(
    '/api/wishlist/items/:productId',
    { ...signedIn, schema: { tags, summary: 'Remove a product from your wishlist (204, saved or not)', security, params: wishlistItemParams } },
    async (req, reply) => {
      await deleteItem(db, requireUser(req).userId, req.params.productId);
      return reply.code(204).send();
    },
  );
}
