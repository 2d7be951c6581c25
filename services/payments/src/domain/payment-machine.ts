import { defineStateMachine } from '@mercato/kernel';

/**
 * An order's payment. NONE is an order with no payment row yet: its request creates the row as a
 * capture or a decline, and a cancellation that beats the request creates a void, so the late
 * request finds a row and charges nothing. Any row, even a void, settles the request.
 */
export const paymentMachine = defineStateMachine({
  name: 'payment',
  states: ['NONE', 'CAPTURED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'],
  initial: ['NONE'],
  terminal: ['DECLINED', 'REFUNDED', 'VOIDED'],
  triggers: ['capture', 'decline', 'cancel', 'refund', 'refundPart'],
  transitions: [
    { trigger: 'capture', from: ['NONE'], to: 'CAPTURED', emits: 'payment.succeeded' },
    { trigger: 'decline', from: ['NONE'], to: 'DECLINED', emits: 'payment.failed' },
    { trigger: 'cancel', from: ['NONE'], to: 'VOIDED' },
    // A cancelled order gets back all that is left of its capture.
    { trigger: 'cancel', from: ['CAPTURED', 'PARTIALLY_REFUNDED'], to: 'REFUNDED', emits: 'payment.refunded' },
    { trigger: 'refund', from: ['CAPTURED', 'PARTIALLY_REFUNDED'], to: 'REFUNDED', emits: 'payment.refunded' },
    { trigger: 'refundPart', from: ['CAPTURED', 'PARTIALLY_REFUNDED'], to: 'PARTIALLY_REFUNDED', emits: 'payment.refunded' },
  ],
});

export type PaymentState = (typeof paymentMachine.spec.states)[number];
export type PaymentTrigger = (typeof paymentMachine.spec.triggers)[number];
/** The states a payment row holds; voids are bookkeeping the API never shows. */
export type StoredStatus = Exclude<PaymentState, 'NONE'>;

export const paymentState = (payment: { status: StoredStatus } | null): PaymentState => payment?.status ?? 'NONE';

/** Whether a payment holds captured money that may go back: the states a refund leaves from. */
export const holdsCapture = (status: PaymentState) => paymentMachine.can(status, 'refund');

/** The status a row takes by a trigger the command found applicable; anything else is a defect of the table. */
export function paymentStatusAfter(from: PaymentState, trigger: PaymentTrigger): StoredStatus {
  const rule = paymentMachine.next(from, trigger);
  if (!rule || rule.to === 'NONE') throw new Error(`payment: ${trigger} does not apply to ${from}`);
  return rule.to;
}
