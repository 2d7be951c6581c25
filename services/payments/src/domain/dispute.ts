import { remaining, type StoredPaymentAmounts } from './payment.ts';
import { holdsCapture } from './payment-machine.ts';

/**
 * What a bank may dispute of a payment: a captured one, at most what is left of it (not refunded,
 * not lost to an earlier dispute); all of that when the bank names no amount. Null when nothing is left.
 */
export function disputable(payment: StoredPaymentAmounts, asked: number | undefined): number | null {
  if (!holdsCapture(payment.status)) return null;
  const left = remaining(payment);
  if (left <= 0) return null;
  return asked === undefined ? left : asked <= left ? asked : null;
}
