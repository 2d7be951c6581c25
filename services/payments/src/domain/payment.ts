/** The stored states; VOIDED marks an order cancelled before its payment was requested. */
export type StoredStatus = 'CAPTURED' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'VOIDED';

/** Keys are per order, not per event, so a redelivered or re-sent request reaches the gateway as the same one. */
export const chargeKey = (orderId: string) => `charge:${orderId}`;
export const refundKey = (orderId: string) => `refund:${orderId}`;
export const returnRefundKey = (returnId: string) => `refund:return:${returnId}`;

/** What a refund is for, unique among a shop's refunds: a cancelled order, or one return. */
export const refundReference = (of: { orderId: string } | { returnId: string }) => ('returnId' in of ? `return:${of.returnId}` : `order:${of.orderId}`);

/** An order is charged at most once: any existing row, even a void, settles the request. */
export function onPaymentRequested(current: StoredStatus | null): 'charge' | 'ignore' {
  return current === null ? 'charge' : 'ignore';
}

/**
 * Captured money goes back; a cancellation that beats the payment request leaves a void so the
 * late request charges nothing; a declined, refunded or voided payment has nothing left to undo.
 */
export function onOrderCancelled(current: StoredStatus | null): 'refund' | 'void' | 'ignore' {
  if (current === null) return 'void';
  return current === 'CAPTURED' || current === 'PARTIALLY_REFUNDED' ? 'refund' : 'ignore';
}

/**
 * How much of a capture a refund may give back: what was asked, but never more than is left of the
 * capture; 0 when nothing may be refunded (no capture, or all of it refunded or disputed already).
 */
export function refundable(payment: Pick<StoredPaymentAmounts, 'status' | 'amountCents' | 'refundedCents' | 'disputedCents'> | null, asked: number): number {
  if (!payment || (payment.status !== 'CAPTURED' && payment.status !== 'PARTIALLY_REFUNDED')) return 0;
  return Math.max(0, Math.min(asked, remaining(payment)));
}

export interface StoredPaymentAmounts {
  status: StoredStatus;
  amountCents: number;
  refundedCents: number;
  disputedCents: number;
}

/** What is left of a capture: neither refunded nor taken back by the bank after a dispute. */
export const remaining = (p: Pick<StoredPaymentAmounts, 'amountCents' | 'refundedCents' | 'disputedCents'>) => p.amountCents - p.refundedCents - p.disputedCents;

/** ISO 4217's code for "no currency", for voids that never had an amount. */
export const NO_CURRENCY = 'XXX';
export const NO_METHOD = 'none';
