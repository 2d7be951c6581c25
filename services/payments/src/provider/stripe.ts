import Stripe from 'stripe';
import type { PaymentsSettings } from '../settings.ts';
import type { CardSummary, ChargeResult, PaymentProvider } from './provider.ts';

/** A declined card's reason as the simulator words it: the bank's decline code when it says more than "declined". */
const declineReason = (e: { code?: string; decline_code?: string }) =>
  e.decline_code && e.decline_code !== 'generic_decline' ? e.decline_code : (e.code ?? 'card_declined');

const cardOf = (method: string | Stripe.PaymentMethod | null): CardSummary | undefined =>
  typeof method === 'object' && method?.card ? { brand: method.card.brand, last4: method.card.last4 } : undefined;

/** What an intent's status means for the order: Stripe's statuses to the port's outcomes. */
export function chargeOutcome(intent: Stripe.PaymentIntent): ChargeResult {
  const card = cardOf(intent.payment_method);
  const chargeId = intent.id;
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', chargeId, captured: true, card };
    case 'requires_capture':
      return { status: 'succeeded', chargeId, captured: false, card };
    case 'requires_action':
    case 'processing':
      return { status: 'requires_action', chargeId, card };
    default:
      return {
        status: 'declined',
        chargeId,
        card,
        reason: intent.last_payment_error ? declineReason(intent.last_payment_error) : intent.status,
      };
  }
}

export type StripeProvider = PaymentProvider & {
  readonly stripe: Stripe;
  /** Verifies a webhook's signature and timestamp against STRIPE_WEBHOOK_SECRET; throws when either is wrong. */
  verifyWebhook(rawBody: string, signature: string | undefined): Stripe.Event;
};

/**
 * The Stripe adapter: a PaymentIntent per order, confirmed with the method Stripe.js made in the
 * browser. Every call carries an idempotency key, so the SDK's retries after a network failure (and
 * a handler's after a crash) reach Stripe as the same request and move money once.
 */
export function stripeProvider(s: PaymentsSettings): StripeProvider {
  const stripe = new Stripe(s.STRIPE_SECRET_KEY!, {
    maxNetworkRetries: 3,
    timeout: 20_000,
    telemetry: false,
    ...(s.STRIPE_API_HOST ? { host: s.STRIPE_API_HOST, port: s.STRIPE_API_PORT, protocol: s.STRIPE_API_PROTOCOL } : {}),
  });
  const secret = s.STRIPE_WEBHOOK_SECRET!;
  return {
    name: 'stripe',
    stripe,
    async charge({ idempotencyKey, orderId, customerId, amountCents, currency, paymentMethod }) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: amountCents,
            currency: currency.toLowerCase(),
            payment_method: paymentMethod,
            // Cards and other methods that need no redirect: 3-D Secure is finished by Stripe.js in place.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            confirm: true,
            use_stripe_sdk: true,
            capture_method: s.STRIPE_CAPTURE === 'manual' ? 'manual' : 'automatic',
            metadata: { order_id: orderId, customer_id: customerId },
            expand: ['payment_method'],
          },
          { idempotencyKey },
        );
        return chargeOutcome(intent);
      } catch (e) {
        if (e instanceof Stripe.errors.StripeCardError) {
          return { status: 'declined', reason: declineReason(e), chargeId: e.payment_intent?.id };
        }
        // A method Stripe does not know (forged, or of another account) is the shopper's problem, not a retry's.
        if (e instanceof Stripe.errors.StripeInvalidRequestError && e.param === 'payment_method') {
          return { status: 'declined', reason: 'invalid_payment_method' };
        }
        throw e;
      }
    },
    async capture({ idempotencyKey, chargeId }) {
      await stripe.paymentIntents.capture(chargeId, {}, { idempotencyKey });
    },
    async void({ idempotencyKey, chargeId }) {
      await stripe.paymentIntents.cancel(chargeId, {}, { idempotencyKey });
    },
    async refund({ idempotencyKey, chargeId, amountCents }) {
      const refund = await stripe.refunds.create({ payment_intent: chargeId, amount: amountCents }, { idempotencyKey });
      return { refundId: refund.id };
    },
    async submitDisputeEvidence(providerDisputeId, text) {
      await stripe.disputes.update(providerDisputeId, { evidence: { uncategorized_text: text }, submit: true });
    },
    verifyWebhook(rawBody, signature) {
      return stripe.webhooks.constructEvent(rawBody, signature ?? '', secret);
    },
    async clientSecret(chargeId) {
      return (await stripe.paymentIntents.retrieve(chargeId)).client_secret;
    },
  };
}
