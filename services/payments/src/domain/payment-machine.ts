import { defineStateMachine } from '@mercato/kernel';
import type { ChargeResult } from '../provider/provider.ts';

/**
 * An order's payment. NONE is an order with no payment row yet: its request creates the row as a
 * capture, an authorisation (manual capture), a wait for the customer (3-D Secure) or a decline, and
 * a cancellation that beats the request creates a void, so the late request finds a row and charges
 * nothing. Any row, even a void, settles the request. A wait ends by the provider's webhook.
 */
export const paymentMachine = defineStateMachine({
  name: 'payment',
  states: ['NONE', 'REQUIRES_ACTION', 'AUTHORIZED', 'CAPTURED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'],
  initial: ['NONE'],
  terminal: ['DECLINED', 'REFUNDED', 'VOIDED'],
  triggers: ['capture', 'authorize', 'requireAction', 'decline', 'settle', 'cancel', 'refund', 'refundPart'],
  transitions: [
    { trigger: 'capture', from: ['NONE', 'REQUIRES_ACTION'], to: 'CAPTURED', emits: 'payment.succeeded' },
    { trigger: 'authorize', from: ['NONE', 'REQUIRES_ACTION'], to: 'AUTHORIZED', emits: 'payment.succeeded' },
    { trigger: 'requireAction', from: ['NONE'], to: 'REQUIRES_ACTION', emits: 'payment.action_required' },
    { trigger: 'decline', from: ['NONE', 'REQUIRES_ACTION'], to: 'DECLINED', emits: 'payment.failed' },
    // Manual capture: the authorised money is taken when the order ships.
    { trigger: 'settle', from: ['AUTHORIZED'], to: 'CAPTURED' },
    { trigger: 'cancel', from: ['NONE'], to: 'VOIDED' },
    // Nothing was taken yet: the authorisation, or the charge waiting for the customer, is released.
    { trigger: 'cancel', from: ['REQUIRES_ACTION', 'AUTHORIZED'], to: 'VOIDED' },
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

/**
 * The step a provider's answer about a charge takes the payment by: captured (or, for an authorisation
 * already held, settled), authorised (manual capture), waiting for the customer, or declined.
 */
export function chargeStep(result: ChargeResult, from: PaymentState): PaymentTrigger {
  if (result.status === 'requires_action') return 'requireAction';
  if (result.status === 'declined') return 'decline';
  if (!result.captured) return 'authorize';
  return from === 'AUTHORIZED' ? 'settle' : 'capture';
}

/** The status a row takes by a trigger the command found applicable; anything else is a defect of the table. */
export function paymentStatusAfter(from: PaymentState, trigger: PaymentTrigger): StoredStatus {
  const rule = paymentMachine.next(from, trigger);
  if (!rule || rule.to === 'NONE') throw new Error(`payment: ${trigger} does not apply to ${from}`);
  return rule.to;
}
