import type { EventEnvelope, Tx } from '@mercato/kernel';
import { awaitedIn } from '../domain/order-machine.ts';
import { advance } from './advance.ts';
import type { OrdersContext } from './context.ts';

const shipped = awaitedIn({ kind: 'delivered' });

/** The carrier delivered the parcel: a SHIPPED order becomes DELIVERED; for any other, the reply changes nothing. */
export async function markDelivered(ctx: OrdersContext, tx: Tx, event: EventEnvelope<{ orderId: string }>): Promise<void> {
  await advance(ctx, tx, { id: event.payload.orderId, status: shipped }, { kind: 'delivered' }, event);
}
