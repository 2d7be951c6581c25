import type { Queryable, Tx } from '@mercato/kernel';
import type { SavedItem } from '../domain/wishlist.ts';

interface ItemRow {
  product_id: string;
  added_at: Date;
}

const COLUMNS = 'product_id, added_at';

const toItem = (r: ItemRow): SavedItem => ({ productId: r.product_id, addedAt: new Date(r.added_at).toISOString() });

/**
 * Serialises the changes to one customer's wishlist until the transaction ends, so that two additions
 * at once cannot both take its last place.
 */
export async function lockWishlist(tx: Tx, customerId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('wishlists.customer:' || $1, 0))", [customerId]);
}

/** The customer's saved products, newest first. */
export async function savedItems(db: Queryable, customerId: string): Promise<SavedItem[]> {
  const rows = await db.query<ItemRow>(`SELECT ${COLUMNS} FROM wishlists.items WHERE customer_id = $1 ORDER BY added_at DESC, product_id`, [
    customerId,
  ]);
  return rows.map(toItem);
}

export async function insertItem(tx: Tx, customerId: string, productId: string): Promise<SavedItem> {
  const rows = await tx.query<ItemRow>(`INSERT INTO wishlists.items (customer_id, product_id) VALUES ($1, $2) RETURNING ${COLUMNS}`, [
    customerId,
    productId,
  ]);
  return toItem(rows[0]);
}

export async function deleteItem(db: Queryable, customerId: string, productId: string): Promise<void> {
  await db.query('DELETE FROM wishlists.items WHERE customer_id = $1 AND product_id = $2', [customerId, productId]);
}

/** Drops a product from every wishlist. */
export async function deleteProduct(db: Queryable, productId: string): Promise<void> {
  await db.query('DELETE FROM wishlists.items WHERE product_id = $1', [productId]);
}
