import type { Dispute } from '@mercato/contracts';
import type { ServiceContext } from '@mercato/kernel';
import { stepDispute } from './step-dispute.ts';

/** Answers a dispute with the shop's evidence: it goes to the bank for review. */
export async function submitDisputeEvidence(ctx: ServiceContext, disputeId: string, text: string): Promise<Dispute> {
  return ctx.db.transaction(async (tx) => (await stepDispute(tx, disputeId, 'evidence', text)).updated);
}
