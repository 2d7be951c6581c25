import type { EventSchemas } from '@mercato/contracts';
import { defineService } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import type { Carrier } from './carrier/carrier.ts';
import { simulatedCarrier } from './carrier/simulated.ts';
import { shipmentMachine } from './domain/shipment-machine.ts';
import { carrierPollingTimer } from './handlers/carrier-polling.ts';
import { onOrderShipped } from './handlers/order-shipped.ts';
import { shippingRoutes } from './http/routes.ts';
import { shippingSettings } from './settings.ts';

export type { Carrier, Label, LabelRequest, Parcel, Scan } from './carrier/carrier.ts';
export { simulatedCarrier } from './carrier/simulated.ts';

/**
 * Shipping: a label from the carrier for every shipped order, then the parcel's tracking until it
 * is delivered. The carrier is the simulator unless one is given.
 */
export function createShippingService(carrier?: Carrier) {
  return defineService<EventSchemas>()({
    name: 'shipping',
    publicPaths: ['/api/shipments'],
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    settings: shippingSettings,
    stateMachines: [shipmentMachine],
    create(ctx) {
      const used = carrier ?? simulatedCarrier(ctx.settings.CARRIER_SIMULATOR_STEP);
      return {
        routes: (app) => shippingRoutes(app, ctx),
        handlers: { 'order.shipped': onOrderShipped(ctx, used) },
        timers: [carrierPollingTimer(ctx, used)],
      };
    },
  });
}

export const shippingService = createShippingService();
