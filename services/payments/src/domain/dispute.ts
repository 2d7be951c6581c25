import type { Dispute } from '@mercato/contracts';
import { remaining, type StoredPaymentAmounts } from './payment.ts';

type Status = Dispute['status'];
export type DisputeStep = 'evidence' | 'won' | 'lost';

/** The status after a step, or null when it does not apply: evidence once, a decision on an open dispute only. */
export function disputeTransition(status: Status, step: DisputeStep): Status | null {
  if (step === 'evidence') return status === 'NEEDS_RESPONSE' ? 'UNDER_REVIEW' : null;
  if (status !== 'NEEDS_RESPONSE' && status !== 'UNDER_REVIEW') return null;
  return step === 'won' ? 'WON' : 'LOST';
}

/**
 * What a bank may dispute of a payment: a captured one, at most what is left of it (not refunded,
 * not lost to an earlier dispute); all of that when the bank names no amount. Null when nothing is left.
 */
export function disputable(payment: StoredPaymentAmounts, asked: number | undefined): number | null {
  if (payment.status !== 'CAPTURED' && payment.status !== 'PARTIALLY_REFUNDED') return null;
  const left = remaining(payment);
  if (left <= 0) return null;
  return asked === undefined ? left : asked <= left ? asked : null;
}
