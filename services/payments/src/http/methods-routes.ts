import { PAYMENT_METHODS, paymentClientSecret, paymentMethods, uuid, type EventSchemas, type PaymentMethods } from '@mercato/contracts';
import { notFound, requireOwner, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { z } from 'zod';
import { findByOrder } from '../db/payments-repo.ts';
import type { PaymentProvider } from '../provider/provider.ts';
import type { PaymentsSettings } from '../settings.ts';

const tags = ['payments'];

/** What the checkout renders (the providers and their public keys), and what Stripe.js needs to finish a payment in the browser. */
export function methodsRoutes(app: HttpApp, ctx: ServiceContext<EventSchemas, PaymentsSettings>, provider: PaymentProvider) {
  const offered: PaymentMethods =
    provider.name === 'stripe'
      ? { providers: [{ name: 'stripe', publishableKey: ctx.settings.STRIPE_PUBLISHABLE_KEY! }] }
      : { providers: [{ name: 'simulator', testMethods: [...PAYMENT_METHODS] }] };

  app.get(
    '/api/payments/methods',
    {
      schema: {
        tags,
        summary: 'The payment providers the checkout offers, with their publishable keys',
        response: { 200: paymentMethods },
      },
    },
    () => Promise.resolve(offered),
  );

  app.post(
    '/api/payments/orders/:orderId/client-secret',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The order's PaymentIntent client secret, for Stripe.js to confirm it (3-D Secure); the order's owner only",
        security: [{ bearerAuth: [] }],
        params: z.object({ orderId: uuid }),
        response: { 200: paymentClientSecret },
      },
    },
    async (req) => {
      const payment = await findByOrder(ctx.db, req.params.orderId);
      requireOwner(req, payment?.customerId, 'Payment', () => false);
      if (!payment || payment.status === 'VOIDED') throw notFound('Payment');
      const waiting = payment.status === 'REQUIRES_ACTION' ? payment.chargeId : null;
      const clientSecret = waiting ? ((await provider.clientSecret?.(waiting)) ?? null) : null;
      return { orderId: payment.orderId, status: payment.status, clientSecret };
    },
  );
}
