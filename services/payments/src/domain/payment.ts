import { holdsCapture, type StoredStatus } from './payment-machine.ts';

/** Keys are per order, not per event, so a redelivered or re-sent request reaches the gateway as the same one. */
export const chargeKey = (orderId: string) => `charge:${orderId}`;
export const refundKey = (orderId: string) => `refund:${orderId}`;
export const returnRefundKey = (returnId: string) => `refund:return:${returnId}`;
export const captureKey = (orderId: string) => `capture:${orderId}`;
export const voidKey = (orderId: string) => `void:${orderId}`;

/** What a refund is for, unique among a shop's refunds: a cancelled order, or one return. */
export const refundReference = (of: { orderId: string } | { returnId: string }) =>
  'returnId' in of ? `return:${of.returnId}` : `order:${of.orderId}`;

/**
 * How much of a capture a refund may give back: what was asked, but never more than is left of the
 * capture; 0 when nothing may be refunded (no capture, or all of it refunded or disputed already).
 */
export function refundable(
  payment: Pick<StoredPaymentAmounts, 'status' | 'amountCents' | 'refundedCents' | 'disputedCents'> | null,
  asked: number,
): number {
  if (!payment || !holdsCapture(payment.status)) return 0;
  return Math.max(0, Math.min(asked, remaining(payment)));
}

/** A refund that gives back all that is left of the capture makes the payment REFUNDED; a smaller one, PARTIALLY_REFUNDED. */
export const refundStep = (payment: StoredPaymentAmounts, amountCents: number) =>
  remaining(payment) - amountCents <= 0 ? ('refund' as const) : ('refundPart' as const);

export interface StoredPaymentAmounts {
  status: StoredStatus;
  amountCents: number;
  refundedCents: number;
  disputedCents: number;
}

/** What is left of a capture: neither refunded nor taken back by the bank after a dispute. */
export const remaining = (p: Pick<StoredPaymentAmounts, 'amountCents' | 'refundedCents' | 'disputedCents'>) =>
  p.amountCents - p.refundedCents - p.disputedCents;

/** ISO 4217's code for "no currency", for voids that never had an amount. */
export const NO_CURRENCY = 'XXX';
export const NO_METHOD = 'none';
