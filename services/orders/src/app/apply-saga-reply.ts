import type { EventEnvelope, Tx } from '@mercato/kernel';
import type { SagaReply } from '../domain/checkout-saga.ts';
import { advance } from './advance.ts';
import type { OrdersContext } from './context.ts';

/** What orders reads of a participant's reply: the order it is about, and why, for a refusal. */
export type ReplyEnvelope = EventEnvelope<{ orderId: string; reason?: string }>;

/**
 * Applies a participant's reply to the order it is about. A reply applies in the statuses that await
 * it, so the update's own condition is the check, without reading the order first (the step's own
 * status is tried first, which is where nearly every reply finds its order): a late, repeated or
 * unknown order's reply changes nothing.
 */
export async function applySagaReply(ctx: OrdersContext, tx: Tx, reply: SagaReply, event: ReplyEnvelope): Promise<void> {
  const { orderId, reason } = event.payload;
  const trigger = { kind: reply.trigger, reason: reply.reasonFromReply ? reason : undefined };
  for (const status of reply.awaitedIn) {
    if (await advance(ctx, tx, { id: orderId, status }, trigger, event)) return;
  }
}
