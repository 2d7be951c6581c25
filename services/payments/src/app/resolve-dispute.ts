import type { Dispute, EventSchemas } from '@mercato/contracts';
import type { ServiceContext } from '@mercato/kernel';
import { stepDispute } from './step-dispute.ts';

/** Records the bank's decision: won keeps the money, lost gives it up (it can no longer be refunded). */
export async function resolveDispute(ctx: ServiceContext<EventSchemas>, disputeId: string, outcome: 'won' | 'lost'): Promise<Dispute> {
  return ctx.db.transaction(async (tx) => {
    const { updated, emits } = await stepDispute(tx, disputeId, outcome, null);
    if (emits) {
      const { id, paymentId, orderId, customerId, amountCents, currency } = updated;
      ctx.outbox.emit(tx, emits, orderId, { disputeId: id, paymentId, orderId, customerId, amountCents, currency, outcome });
    }
    return updated;
  });
}
