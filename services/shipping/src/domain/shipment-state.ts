import type { ShipmentStatus } from '@mercato/contracts';

/** How far along the parcel is; an EXCEPTION interrupts the journey without moving it. */
const PROGRESS: Record<Exclude<ShipmentStatus, 'EXCEPTION'>, number> = {
  LABEL_CREATED: 0,
  IN_TRANSIT: 1,
  OUT_FOR_DELIVERY: 2,
  DELIVERED: 3,
};

/**
 * The status a shipment has after a carrier's scan, or null when the scan does not apply: nothing
 * follows DELIVERED, and a scan that would move the parcel backwards arrived late. A scan of the
 * status it already has (another hub on the way) is kept without a change of status; after an
 * EXCEPTION the carrier may report any step of the journey again.
 */
export function afterScan(current: ShipmentStatus, scanned: ShipmentStatus): ShipmentStatus | null {
  if (current === 'DELIVERED' || scanned === 'LABEL_CREATED') return null;
  if (scanned === 'EXCEPTION' || current === 'EXCEPTION') return scanned;
  return PROGRESS[scanned] >= PROGRESS[current] ? scanned : null;
}

/** What the customer reads for a scan the carrier sent without words of its own. */
export const SCAN_DESCRIPTIONS: Record<ShipmentStatus, string> = {
  LABEL_CREATED: 'Label created; the parcel is waiting for the carrier',
  IN_TRANSIT: 'On its way',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  EXCEPTION: 'Delivery problem; the carrier will try again',
};

export interface ScanOf {
  id: string;
  status: ShipmentStatus;
  at: string;
}

/**
 * Folds a carrier's report into a shipment: the scans not recorded yet, in the order they were
 * made, and the status they lead to. A scan that does not apply (after delivery, or moving the
 * parcel backwards) is left out.
 */
export function applyScans<S extends ScanOf>(current: ShipmentStatus, recorded: ReadonlySet<string>, scans: readonly S[]): { status: ShipmentStatus; added: S[] } {
  let status = current;
  const added: S[] = [];
  const seen = new Set(recorded);
  for (const scan of [...scans].sort((a, b) => a.at.localeCompare(b.at))) {
    if (seen.has(scan.id)) continue;
    const next = afterScan(status, scan.status);
    if (!next) continue;
    seen.add(scan.id);
    status = next;
    added.push(scan);
  }
  return { status, added };
}
