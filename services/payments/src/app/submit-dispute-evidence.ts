import type { Dispute } from '@mercato/contracts';
import type { ServiceContext } from '@mercato/kernel';
import type { PaymentProvider } from '../provider/provider.ts';
import { stepDispute } from './step-dispute.ts';

/**
 * Answers a dispute with the shop's evidence: it goes to the bank for review, through the provider's
 * disputes API when the provider reported the dispute (a failure there leaves the dispute as it was).
 */
export async function submitDisputeEvidence(
  ctx: ServiceContext,
  provider: PaymentProvider,
  disputeId: string,
  text: string,
): Promise<Dispute> {
  return ctx.db.transaction(async (tx) => {
    const { updated } = await stepDispute(tx, disputeId, 'evidence', text);
    if (updated.providerDisputeId && provider.submitDisputeEvidence) await provider.submitDisputeEvidence(updated.providerDisputeId, text);
    return updated;
  });
}
