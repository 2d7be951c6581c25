import type { EventEnvelope, EventHandler, ServiceContext, Tx } from '@mercato/kernel';
import { awaitedIn, type SagaReply } from '../domain/order-state.ts';
import { advance } from '../saga.ts';

/**
 * The replies of inventory, payments and shipping, each turned into a trigger of the order's state machine.
 * A reply applies to the one status that awaits it, so the update's own condition is the check: a
 * late, repeated or unknown order's reply changes nothing.
 */
export function sagaEventHandlers(ctx: ServiceContext): Record<string, EventHandler> {
  const on = (toReply: (event: EventEnvelope<any>) => SagaReply) => async (event: EventEnvelope<any>, tx: Tx) => {
    const reply = toReply(event);
    await advance(ctx, tx, { id: event.payload.orderId, status: awaitedIn(reply) }, reply, event);
  };
  return {
    'inventory.reserved': on(() => ({ kind: 'stock_reserved' })),
    'inventory.rejected': on((e) => ({ kind: 'stock_rejected', reason: e.payload.reason })),
    'payment.succeeded': on(() => ({ kind: 'payment_succeeded' })),
    'payment.failed': on(() => ({ kind: 'payment_failed' })),
    'shipment.delivered': on(() => ({ kind: 'delivered' })),
  };
}
