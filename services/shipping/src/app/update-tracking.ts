import type { TrackingUpdateInput } from '@mercato/contracts';
import { conflict, newId, notFound } from '@mercato/kernel';
import { findShipment } from '../db/shipments-repo.ts';
import { SCAN_DESCRIPTIONS } from '../domain/shipment-state.ts';
import type { ShippingContext } from './context.ts';
import { recordScan } from './record-scan.ts';

/**
 * Ops record a scan on the carrier's behalf; one after delivery, or one that would move the parcel
 * backwards, is refused (409).
 */
export async function updateTracking(ctx: ShippingContext, shipmentId: string, { status, location, description }: TrackingUpdateInput) {
  return ctx.db.transaction(async (tx) => {
    const found = await findShipment(tx, shipmentId, true);
    if (!found) throw notFound('Shipment');
    const scan = {
      id: newId(),
      status,
      at: new Date().toISOString(),
      location: location ?? null,
      description: description ?? SCAN_DESCRIPTIONS[status],
    };
    const updated = await recordScan(ctx, tx, found, [scan]);
    if (!updated) throw conflict('tracking_out_of_order', `A shipment ${found.status} cannot be scanned ${status}`);
    return updated;
  });
}
