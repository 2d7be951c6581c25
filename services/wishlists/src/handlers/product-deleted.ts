import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { deleteProduct } from '../db/items-repo.ts';

/** A product the catalog deleted leaves every wishlist. */
export async function onProductDeleted(event: EventEnvelope<EventPayload<'product.deleted'>>, tx: Tx): Promise<void> {
  await deleteProduct(tx, event.payload.productId);
}
