import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { returnMachine } from './domain/return-machine.ts';
import { onPaymentRefunded } from './handlers/payment-refunded.ts';
import { returnsRoutes } from './http/routes.ts';
import { returnsSettings } from './settings.ts';

/**
 * Returns: a customer asks to send back items of a delivered order; staff approve or reject it and
 * record the parcel's arrival, which restocks the items (inventory) and refunds their price (payments).
 */
export const returnsService = defineService<EventSchemas>()({
  name: 'returns',
  publicPaths: ['/api/returns'],
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  settings: returnsSettings,
  upstreams: ['orders'],
  stateMachines: [returnMachine],
  create(ctx) {
    return {
      routes: (app) => returnsRoutes(app, ctx),
      handlers: { 'payment.refunded': onPaymentRefunded(ctx) },
    };
  },
});
