/** The stored states; VOIDED marks an order cancelled before its payment was requested. */
export type StoredStatus = 'CAPTURED' | 'DECLINED' | 'REFUNDED' | 'VOIDED';

/** Keys are per order, not per event, so a redelivered or re-sent request reaches the gateway as the same one. */
export const chargeKey = (orderId: string) => `charge:${orderId}`;
export const refundKey = (orderId: string) => `refund:${orderId}`;

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
  return current === 'CAPTURED' ? 'refund' : 'ignore';
}

/** ISO 4217's code for "no currency", for voids that never had an amount. */
export const NO_CURRENCY = 'XXX';
export const NO_METHOD = 'none';
