import type { EventSchemas } from '@mercato/contracts';
import { badRequest, type HttpApp, type ServiceContext } from '@mercato/kernel';
import Stripe from 'stripe';
import { z } from 'zod';
import { applyStripeEvent } from '../app/apply-stripe-event.ts';
import type { StripeProvider } from '../provider/stripe.ts';

/**
 * Stripe's webhook: no user token, the signature is the credential. The body is kept as the raw
 * string Stripe signed (parsing and re-serialising it would break the signature), and nothing is
 * applied unless it verifies within the SDK's tolerance (five minutes).
 */
export function stripeWebhookRoutes(app: HttpApp, ctx: ServiceContext<EventSchemas>, stripe: StripeProvider) {
  app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/payments/webhooks/stripe',
      {
        schema: {
          tags: ['payments'],
          summary: "Stripe's events (payment intents, refunds, disputes), signed with STRIPE_WEBHOOK_SECRET",
          response: { 200: z.object({ received: z.literal(true) }) },
        },
      },
      async (req) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        const signature = req.headers['stripe-signature'];
        let event: Stripe.Event;
        try {
          event = stripe.verifyWebhook(raw, typeof signature === 'string' ? signature : undefined);
        } catch (e) {
          if (e instanceof Stripe.errors.StripeSignatureVerificationError) {
            throw badRequest('invalid_signature', 'The Stripe-Signature header does not verify, or its timestamp is too old');
          }
          throw badRequest('invalid_event', 'The body is not a Stripe event');
        }
        await applyStripeEvent(ctx, event);
        return { received: true as const };
      },
    );
    done();
  });
}
