import type { Carrier } from '../carrier/carrier.ts';
import { lockOpenShipments, markChecked } from '../db/shipments-repo.ts';
import type { ShippingContext } from './context.ts';
import { recordScan } from './record-scan.ts';

/** Parcels asked about in one call to the carrier and one transaction. */
const BATCH = 100;

/** Asks the carrier, batch by batch, where every parcel on its way is, and records what it scanned. */
export async function pollCarrier(ctx: ShippingContext, carrier: Carrier): Promise<void> {
  const started = new Date().toISOString();
  let asked: number;
  do {
    asked = await ctx.db.transaction(async (tx) => {
      const open = await lockOpenShipments(tx, started, BATCH);
      if (!open.length) return 0;
      const reports = await carrier.track(
        open.map((s) => ({ trackingNumber: s.trackingNumber, labelCreatedAt: s.createdAt, destinationCity: s.shippingAddress.city })),
      );
      for (const shipment of open) await recordScan(ctx, tx, shipment, reports.get(shipment.trackingNumber) ?? []);
      await markChecked(
        tx,
        open.map((s) => s.id),
      );
      return open.length;
    });
  } while (asked === BATCH);
}
