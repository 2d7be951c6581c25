import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { recordScans, type StoredEvent, type StoredShipment } from './db/shipments-repo.ts';
import { applyScans } from './domain/shipment-state.ts';

/**
 * Records the scans of a shipment that apply, and tells orders when the parcel is delivered, in the
 * caller's transaction. Returns the shipment as it is now, or null when no scan applied.
 */
export async function recordTracking(
  ctx: ServiceContext,
  tx: Tx,
  shipment: StoredShipment,
  scans: readonly StoredEvent[],
  cause?: EventEnvelope,
): Promise<StoredShipment | null> {
  const { status, added } = applyScans(shipment.status, new Set(shipment.events.map((e) => e.id)), scans);
  if (!added.length) return null;
  const delivery = added.find((e) => e.status === 'DELIVERED');
  const updated = await recordScans(tx, shipment.id, status, added, delivery?.at ?? null);
  if (status === 'DELIVERED' && shipment.status !== 'DELIVERED') {
    const { id: shipmentId, orderId, customerId } = updated;
    ctx.outbox.emit(tx, 'shipment.delivered', orderId, { shipmentId, orderId, customerId }, cause);
  }
  return updated;
}
