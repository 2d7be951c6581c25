import type { EventPayload } from '@mercato/contracts';
import { newId, type EventEnvelope, type ServiceContext, type Tx } from '@mercato/kernel';
import type { Carrier } from '../carrier/carrier.ts';
import { insertShipment } from '../db/shipments-repo.ts';
import { SCAN_DESCRIPTIONS } from '../domain/shipment-state.ts';

/** The label's key is the order's, so a redelivered event gets the label it already bought. */
export const labelKey = (orderId: string) => `label:${orderId}`;

/** Buys the label of a shipped order and tells the customer how to follow the parcel. */
export function onOrderShipped(ctx: ServiceContext, carrier: Carrier) {
  return async (event: EventEnvelope<EventPayload<'order.shipped'>>, tx: Tx) => {
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
      events: [{ id: `${label.trackingNumber}:label`, status: 'LABEL_CREATED', at: new Date().toISOString(), location: null, description: SCAN_DESCRIPTIONS.LABEL_CREATED }],
    });
    if (!created) return;
    ctx.outbox.emit(
      tx,
      'shipment.created',
      orderId,
      { shipmentId: created.id, orderId, customerId, carrier: created.carrier, trackingNumber: created.trackingNumber, trackingUrl: created.trackingUrl },
      event,
    );
  };
}
