import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { onOrderCancelledEvent } from './handlers/order-cancelled.ts';
import { onOrderShippedEvent } from './handlers/order-shipped.ts';
import { onPaymentRequestedEvent } from './handlers/payment-requested.ts';
import { onReturnReceivedEvent } from './handlers/return-received.ts';
import { disputeMachine } from './domain/dispute-machine.ts';
import { paymentMachine } from './domain/payment-machine.ts';
import { disputesRoutes } from './http/disputes-routes.ts';
import { methodsRoutes } from './http/methods-routes.ts';
import { paymentsRoutes } from './http/routes.ts';
import { stripeWebhookRoutes } from './http/stripe-webhook-routes.ts';
import type { PaymentProvider } from './provider/provider.ts';
import { simulatedProvider } from './provider/simulated.ts';
import { stripeProvider } from './provider/stripe.ts';
import { paymentsSettings } from './settings.ts';

export type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest } from './provider/provider.ts';
export { simulatedProvider } from './provider/simulated.ts';

/**
 * Payments: one charge per order through the provider port; refunds when a paid order is cancelled or items come back; disputes.
 * The provider is PAYMENT_PROVIDERS's unless a test passes its own.
 */
export function createPaymentsService(override?: PaymentProvider) {
  return defineService<EventSchemas>()({
    name: 'payments',
    publicPaths: ['/api/payments', '/api/admin/payments', '/api/admin/disputes'],
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    settings: paymentsSettings,
    stateMachines: [paymentMachine, disputeMachine],
    async create(ctx) {
      const stripe = !override && ctx.settings.PAYMENT_PROVIDERS.includes('stripe') ? stripeProvider(ctx.settings) : null;
      const provider = override ?? stripe ?? simulatedProvider();
      // Only an authorisation waits for the shipment; the simulator's charges are captured at once.
      const capturesAtShipment = stripe !== null && ctx.settings.STRIPE_CAPTURE === 'manual';
      return {
        routes: (app) => {
          paymentsRoutes(app, ctx);
          methodsRoutes(app, ctx, provider);
          disputesRoutes(app, ctx, provider);
          if (stripe) stripeWebhookRoutes(app, ctx, stripe);
        },
        handlers: {
          'payment.requested': onPaymentRequestedEvent(ctx, provider),
          'order.cancelled': onOrderCancelledEvent(ctx, provider),
          'return.received': onReturnReceivedEvent(ctx, provider),
          ...(capturesAtShipment ? { 'order.shipped': onOrderShippedEvent(ctx, provider) } : {}),
        },
      };
    },
  });
}

export const paymentsService = createPaymentsService();
