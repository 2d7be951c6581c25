import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { recordPurchases } from '../db/customers-repo.ts';

/** A delivered order makes its customer a verified buyer of each of its products. */
export async function recordDelivery(tx: Tx, event: EventEnvelope<EventPayload<'order.delivered'>>): Promise<void> {
  const { orderId, customerId, items } = event.payload;
  await recordPurchases(
    tx,
    customerId,
    orderId,
    items.map((i) => i.productId),
  );
}
