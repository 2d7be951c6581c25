import type { EventPayload } from '@mercato/contracts';
import { newId, type EventEnvelope, type Tx } from '@mercato/kernel';
import type { Carrier } from '../carrier/carrier.ts';
import { insertShipment } from '../db/shipments-repo.ts';
import { SCAN_DESCRIPTIONS } from '../domain/shipment-state.ts';
import type { ShippingContext } from './context.ts';

/** The label's key is the order's, so a redelivered event gets the label it already bought. */
const labelKey = (orderId: string) => `label:${orderId}`;

/** Buys the label of a shipped order through the carrier and tells the customer how to follow the parcel. */
export async function createShipment(
  ctx: ShippingContext,
  tx: Tx,
  carrier: Carrier,
  event: EventEnvelope<EventPayload<'order.shipped'>>,
): Promise<void> {
  const { orderId, customerId, items, shippingAddress } = event.payload;
  const label = await carrier.createLabel({ idempotencyKey: labelKey(orderId), destination: shippingAddress, items });
  const created = await insertShipment(tx, {
    id: newId(),
    orderId,
    customerId,
    carrier: carrier.name,
    trackingNumber: label.trackingNumber,
    trackingUrl: label.trackingUrl,
    shippingAddress,
    items,
    events: [
      {
        id: `${label.trackingNumber}:label`,
        status: 'LABEL_CREATED',
        at: new Date().toISOString(),
        location: null,
        description: SCAN_DESCRIPTIONS.LABEL_CREATED,
      },
    ],
  });
  if (!created) return;
  const { id: shipmentId, trackingNumber, trackingUrl } = created;
  const payload = { shipmentId, orderId, customerId, carrier: created.carrier, trackingNumber, trackingUrl };
  ctx.outbox.emit(tx, 'shipment.created', orderId, payload, event);
}
