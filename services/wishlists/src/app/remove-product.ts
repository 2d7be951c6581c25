import type { Queryable } from '@mercato/kernel';
import { deleteItem } from '../db/items-repo.ts';

/** Removes a product from a customer's wishlist, saved or not. */
export async function removeProduct(db: Queryable, customerId: string, productId: string): Promise<void> {
  await deleteItem(db, customerId, productId);
}
