import { DISPUTE_REASONS, type Dispute } from '@mercato/contracts';
import { createHash } from 'node:crypto';

/** The inbox keys events by uuid: a Stripe event's id (`evt_…`) as one, always the same for the same event. */
export function inboxId(providerEventId: string): string {
  const h = createHash('sha256').update(`stripe:${providerEventId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Stripe's dispute reasons in Mercato's words; the ones Mercato does not distinguish are `other`. */
export const disputeReason = (reason: string): Dispute['reason'] =>
  (DISPUTE_REASONS as readonly string[]).includes(reason) ? (reason as Dispute['reason']) : 'other';

/** The step a Stripe dispute's status takes Mercato's dispute by: under review once answered, then won or lost. */
export function disputeStepOf(status: string): 'evidence' | 'won' | 'lost' | null {
  if (status === 'under_review') return 'evidence';
  if (status === 'won' || status === 'lost') return status;
  return null;
}
