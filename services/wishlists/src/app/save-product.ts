import { WISHLIST_MAX_ITEMS, type Product } from '@mercato/contracts';
import { conflict, notFound, type Db } from '@mercato/kernel';
import { insertItem, lockWishlist, savedItems } from '../db/items-repo.ts';
import { planAddition, type SavedItem } from '../domain/wishlist.ts';

export interface Saved {
  item: SavedItem;
  product: Product;
  /** False when it was saved already: then it stays as it was. */
  added: boolean;
}

/**
 * Saves a product the catalog has (404 otherwise) to a customer's wishlist, while there is room
 * (409 wishlist_full). The catalog is asked first, so nothing is saved while it is down.
 */
export async function saveProduct(
  db: Db,
  lookup: (ids: readonly string[]) => Promise<Map<string, Product>>,
  customerId: string,
  productId: string,
): Promise<Saved> {
  const product = (await lookup([productId])).get(productId);
  if (!product) throw notFound('Product');
  return db.transaction(async (tx) => {
    await lockWishlist(tx, customerId);
    const plan = planAddition(await savedItems(tx, customerId), productId, WISHLIST_MAX_ITEMS);
    if (plan.kind === 'full') throw conflict('wishlist_full', `A wishlist holds at most ${WISHLIST_MAX_ITEMS} products`);
    if (plan.kind === 'present') return { item: plan.item, product, added: false };
    return { item: await insertItem(tx, customerId, productId), product, added: true };
  });
}
