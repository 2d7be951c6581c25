import { SHIPMENT_STATUSES } from '@mercato/contracts';
import { defineStateMachine } from '@mercato/kernel';

/**
 * A parcel's journey, moved by the carrier's scans: each scan is the status it reports. A scan may
 * skip steps the carrier did not scan but never goes backwards (that one arrived late); a scan of the
 * status the parcel has (another hub on the way) is kept without a change of status; after an
 * EXCEPTION the carrier may report any step of the journey again; nothing follows DELIVERED.
 */
/** Where a parcel is until it is delivered. */
const ON_ITS_WAY = ['LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'EXCEPTION'] as const;

export const shipmentMachine = defineStateMachine({
  name: 'shipment',
  states: SHIPMENT_STATUSES,
  initial: ['LABEL_CREATED'],
  terminal: ['DELIVERED'],
  triggers: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION'],
  transitions: [
    { trigger: 'IN_TRANSIT', from: ['LABEL_CREATED', 'IN_TRANSIT', 'EXCEPTION'], to: 'IN_TRANSIT' },
    { trigger: 'OUT_FOR_DELIVERY', from: ON_ITS_WAY, to: 'OUT_FOR_DELIVERY' },
    { trigger: 'DELIVERED', from: ON_ITS_WAY, to: 'DELIVERED', emits: 'shipment.delivered' },
    // A delivery problem (a failed attempt, a damaged parcel) may be reported at any step before delivery.
    { trigger: 'EXCEPTION', from: ON_ITS_WAY, to: 'EXCEPTION' },
  ],
});

/** What a scan can report: every status but the label, which is the shipment's start, never a scan. */
export type ScannedStatus = (typeof shipmentMachine.spec.triggers)[number];
export type ShipmentEvent = NonNullable<(typeof shipmentMachine.spec.transitions)[number]['emits']>;

export const isScannedStatus = (status: string): status is ScannedStatus =>
  (shipmentMachine.spec.triggers as readonly string[]).includes(status);
