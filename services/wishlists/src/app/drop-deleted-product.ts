import type { Tx } from '@mercato/kernel';
import { deleteProduct } from '../db/items-repo.ts';

/** A product the catalog deleted leaves every wishlist. */
export async function dropDeletedProduct(tx: Tx, productId: string): Promise<void> {
  await deleteProduct(tx, productId);
}
