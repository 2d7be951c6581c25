import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { onOrderCancelledEvent } from './handlers/order-cancelled.ts';
import { onPaymentRequestedEvent } from './handlers/payment-requested.ts';
import { onReturnReceivedEvent } from './handlers/return-received.ts';
import { disputeMachine } from './domain/dispute-machine.ts';
import { paymentMachine } from './domain/payment-machine.ts';
import { disputesRoutes } from './http/disputes-routes.ts';
import { paymentsRoutes } from './http/routes.ts';
import type { PaymentProvider } from './provider/provider.ts';
import { simulatedProvider } from './provider/simulated.ts';
import { paymentsSettings } from './settings.ts';

export type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest } from './provider/provider.ts';
export { simulatedProvider } from './provider/simulated.ts';

/** Payments: one charge per order through the provider port; refunds when a paid order is cancelled or items come back; disputes. */
export function createPaymentsService(provider: PaymentProvider = simulatedProvider()) {
  return defineService<EventSchemas>()({
    name: 'payments',
    publicPaths: ['/api/payments', '/api/admin/payments', '/api/admin/disputes'],
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    settings: paymentsSettings,
    stateMachines: [paymentMachine, disputeMachine],
    create(ctx) {
      return {
        routes: (app) => {
          paymentsRoutes(app, ctx);
          disputesRoutes(app, ctx);
        },
        handlers: {
          'payment.requested': onPaymentRequestedEvent(ctx, provider),
          'order.cancelled': onOrderCancelledEvent(ctx, provider),
          'return.received': onReturnReceivedEvent(ctx, provider),
        },
      };
    },
  });
}

export const paymentsService = createPaymentsService();
