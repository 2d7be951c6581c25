import type { Timer } from '@mercato/kernel';
import type { ShippingContext } from '../app/context.ts';
import { pollCarrier } from '../app/poll-carrier.ts';
import type { Carrier } from '../carrier/carrier.ts';

export function carrierPollingTimer(ctx: ShippingContext, carrier: Carrier): Timer {
  return { name: 'carrier-polling', everyMs: ctx.settings.CARRIER_POLL_INTERVAL, run: () => pollCarrier(ctx, carrier) };
}
