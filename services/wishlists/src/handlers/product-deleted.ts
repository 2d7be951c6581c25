import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { dropDeletedProduct } from '../app/drop-deleted-product.ts';

export const onProductDeleted = (event: EventEnvelope<EventPayload<'product.deleted'>>, tx: Tx): Promise<void> =>
  dropDeletedProduct(tx, event.payload.productId);
