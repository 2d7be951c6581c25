import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import type { ShippingContext } from '../app/context.ts';
import { createShipment } from '../app/create-shipment.ts';
import type { Carrier } from '../carrier/carrier.ts';

export function onOrderShipped(ctx: ShippingContext, carrier: Carrier) {
  return (event: EventEnvelope<EventPayload<'order.shipped'>>, tx: Tx) => createShipment(ctx, tx, carrier, event);
}
