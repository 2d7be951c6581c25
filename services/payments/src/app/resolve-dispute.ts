import type { Dispute, EventSchemas } from '@mercato/contracts';
import type { ServiceContext, Tx } from '@mercato/kernel';
import { stepDispute } from './step-dispute.ts';

/** Records the bank's decision: won keeps the money, lost gives it up (it can no longer be refunded). */
export async function resolveDispute(ctx: ServiceContext<EventSchemas>, disputeId: string, outcome: 'won' | 'lost'): Promise<Dispute> {
  return ctx.db.transaction(async (tx) => {
    const { updated, emits } = await stepDispute(tx, disputeId, outcome, null);
    announceDecision(ctx, tx, updated, emits, outcome);
    return updated;
  });
}

/** Tells the other services what the bank decided, when the dispute's step publishes it. */
export function announceDecision(
  ctx: ServiceContext<EventSchemas>,
  tx: Tx,
  d: Dispute,
  emits: 'dispute.closed' | undefined,
  outcome: 'won' | 'lost',
) {
  if (!emits) return;
  const { id, paymentId, orderId, customerId, amountCents, currency } = d;
  ctx.outbox.emit(tx, emits, orderId, { disputeId: id, paymentId, orderId, customerId, amountCents, currency, outcome });
}
