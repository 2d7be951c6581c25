import type { EventEnvelope, EventHandler, ServiceContext, Tx } from '@mercato/kernel';
import { findOrder } from '../db/orders-repo.ts';
import type { OrderTrigger } from '../domain/order-state.ts';
import { advance } from '../saga.ts';

/** The replies of inventory and payments, each turned into a trigger of the order's state machine. */
export function sagaEventHandlers(ctx: ServiceContext): Record<string, EventHandler> {
  const on = (toTrigger: (event: EventEnvelope<any>) => OrderTrigger) => async (event: EventEnvelope<any>, tx: Tx) => {
    const order = await findOrder(tx, event.payload.orderId, true);
    if (order) await advance(ctx, tx, order, toTrigger(event), event);
  };
  return {
    'inventory.reserved': on(() => ({ kind: 'stock_reserved' })),
    'inventory.rejected': on((e) => ({ kind: 'stock_rejected', reason: e.payload.reason })),
    'payment.succeeded': on(() => ({ kind: 'payment_succeeded' })),
    'payment.failed': on(() => ({ kind: 'payment_failed' })),
  };
}
