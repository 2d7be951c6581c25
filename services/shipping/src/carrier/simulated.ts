import { createHash } from 'node:crypto';
import { s10TrackingNumber } from '../domain/tracking-number.ts';
import type { Carrier, Parcel, Scan } from './carrier.ts';

/** The journey every simulated parcel makes, one step apart. */
const JOURNEY: Array<Pick<Scan, 'status' | 'description'> & { where: 'hub' | 'destination' }> = [
  { status: 'IN_TRANSIT', description: 'Left the sorting centre', where: 'hub' },
  { status: 'OUT_FOR_DELIVERY', description: 'Out for delivery', where: 'destination' },
  { status: 'DELIVERED', description: 'Delivered to the recipient', where: 'destination' },
];

/**
 * A deterministic in-process carrier for the embedded mode, demos and tests. Tracking numbers are
 * valid UPU S10 identifiers derived from the idempotency key (as a real carrier answers a repeated
 * request); each parcel moves one step of its journey every `stepMs` after its label, and with
 * `stepMs` 0 it stays where ops put it, so every scan comes from the tracking API.
 */
export function simulatedCarrier(stepMs: number, now: () => number = Date.now): Carrier {
  return {
    name: 'mercato-post',
    createLabel({ idempotencyKey }) {
      const digest = createHash('sha256').update(idempotencyKey).digest();
      const serial = String(digest.readUInt32BE(0) % 100_000_000).padStart(8, '0');
      return Promise.resolve({ trackingNumber: s10TrackingNumber('MP', serial, 'XX'), trackingUrl: null });
    },
    track(parcels: Parcel[]) {
      const scans = new Map<string, Scan[]>();
      for (const parcel of parcels) {
        const start = Date.parse(parcel.labelCreatedAt);
        const steps = stepMs > 0 ? Math.min(JOURNEY.length, Math.floor((now() - start) / stepMs)) : 0;
        scans.set(
          parcel.trackingNumber,
          JOURNEY.slice(0, steps).map((step, i) => ({
            id: `${parcel.trackingNumber}:${i + 1}`,
            status: step.status,
            description: step.description,
            at: new Date(start + (i + 1) * stepMs).toISOString(),
            location: step.where === 'hub' ? 'Mercato Post sorting centre' : parcel.destinationCity,
          })),
        );
      }
      return Promise.resolve(scans);
    },
  };
}
