import type { ShipmentStatus } from '@mercato/contracts';
import { isScannedStatus, shipmentMachine, type ShipmentEvent } from './shipment-machine.ts';

/**
 * The status a shipment has after a carrier's scan, or null when the table has no such scan from its
 * status (after delivery, backwards, or a second label).
 */
export function afterScan(current: ShipmentStatus, scanned: ShipmentStatus): ShipmentStatus | null {
  return isScannedStatus(scanned) ? (shipmentMachine.next(current, scanned)?.to ?? null) : null;
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
 * parcel backwards) is left out. `emitted` hears the event the table names for each scan taken.
 */
export function applyScans<S extends ScanOf>(
  current: ShipmentStatus,
  recorded: ReadonlySet<string>,
  scans: readonly S[],
  emitted: (event: ShipmentEvent) => void = () => {},
): { status: ShipmentStatus; added: S[] } {
  let status = current;
  const added: S[] = [];
  const seen = new Set(recorded);
  for (const scan of [...scans].sort((a, b) => a.at.localeCompare(b.at))) {
    if (seen.has(scan.id)) continue;
    const rule = isScannedStatus(scan.status) ? shipmentMachine.next(status, scan.status) : null;
    if (!rule) continue;
    seen.add(scan.id);
    status = rule.to;
    added.push(scan);
    if (rule.emits) emitted(rule.emits);
  }
  return { status, added };
}
