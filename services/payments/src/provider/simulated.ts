import { createHash } from 'node:crypto';
import type { PaymentProvider } from './provider.ts';

/** Test card outcomes, after Stripe's test payment methods; null means the charge goes through. */
const OUTCOMES: Record<string, string | null> = {
  pm_card_visa: null,
  pm_card_mastercard: null,
  pm_card_chargeDeclined: 'card_declined',
  pm_card_insufficientFunds: 'insufficient_funds',
};

/** Ids derive from the idempotency key, which is how a real gateway answers a repeated request. */
const idFor = (prefix: string, key: string) => `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/** A deterministic in-process gateway for the embedded mode, demos and tests. */
export function simulatedProvider(): PaymentProvider {
  return {
    name: 'simulator',
    async charge({ idempotencyKey, paymentMethod }) {
      const outcome = Object.hasOwn(OUTCOMES, paymentMethod) ? OUTCOMES[paymentMethod] : 'invalid_payment_method';
      return outcome
        ? { status: 'declined', reason: outcome }
        : { status: 'succeeded', chargeId: idFor('ch', idempotencyKey), captured: true };
    },
    // Its charges are captured at once: nothing is ever left authorised or waiting to release.
    async capture() {},
    async void() {},
    async refund({ idempotencyKey }) {
      return { refundId: idFor('re', idempotencyKey) };
    },
  };
}
