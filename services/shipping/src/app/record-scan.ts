import type { EventEnvelope, Tx } from '@mercato/kernel';
import { recordScans, type StoredEvent, type StoredShipment } from '../db/shipments-repo.ts';
import type { ShipmentEvent } from '../domain/shipment-machine.ts';
import { applyScans } from '../domain/shipment-state.ts';
import type { ShippingContext } from './context.ts';

/**
 * Records the scans of a shipment (locked by the caller) that apply, with the events the table names
 * for them (shipment.delivered tells orders), in the caller's transaction: ops' tracking updates and
 * the carrier's reports alike. Returns the shipment as it is now, or null when no scan applied.
 */
export async function recordScan(
  ctx: ShippingContext,
  tx: Tx,
  shipment: StoredShipment,
  scans: readonly StoredEvent[],
  cause?: EventEnvelope,
): Promise<StoredShipment | null> {
  const events: ShipmentEvent[] = [];
  const { status, added } = applyScans(shipment.status, new Set(shipment.events.map((e) => e.id)), scans, (e) => events.push(e));
  if (!added.length) return null;
  const delivery = added.find((e) => e.status === 'DELIVERED');
  const updated = await recordScans(tx, shipment.id, status, added, delivery?.at ?? null);
  const { id: shipmentId, orderId, customerId } = updated;
  for (const event of events) ctx.outbox.emit(tx, event, orderId, { shipmentId, orderId, customerId }, cause);
  return updated;
}
