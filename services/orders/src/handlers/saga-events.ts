import type { EventEnvelope, EventHandler } from '@mercato/kernel';
import { applySagaReply, type ReplyEnvelope } from '../app/apply-saga-reply.ts';
import type { OrdersContext } from '../app/context.ts';
import { markDelivered } from '../app/mark-delivered.ts';
import { checkoutSaga } from '../domain/checkout-saga.ts';

/** The replies of inventory and payments, one handler per reply of the checkout saga's steps, and the carrier's delivery. */
export function sagaEventHandlers(ctx: OrdersContext): Record<string, EventHandler> {
  const handlers: Record<string, EventHandler> = {};
  for (const reply of checkoutSaga.steps.flatMap((step) => step.replies)) {
    handlers[reply.event] = (event: ReplyEnvelope, tx) => applySagaReply(ctx, tx, reply, event);
  }
  handlers['shipment.delivered'] = (event: EventEnvelope<{ orderId: string }>, tx) => markDelivered(ctx, tx, event);
  return handlers;
}
