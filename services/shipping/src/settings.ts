import { duration } from '@mercato/kernel';
import { z } from 'zod';

export const shippingSettings = z.object({
  /** How often shipping asks the carrier where the parcels on their way are. */
  CARRIER_POLL_INTERVAL: duration.default(30_000),
  /**
   * The simulated carrier moves a parcel one step (in transit, out for delivery, delivered) this long after the last;
   * 0: only by tracking updates.
   */
  CARRIER_SIMULATOR_STEP: duration.default(60_000),
});

export type ShippingSettings = z.output<typeof shippingSettings>;
