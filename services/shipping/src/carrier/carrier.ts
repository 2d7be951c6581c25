import type { Shipment, ShipmentStatus } from '@mercato/contracts';

/**
 * The carrier port: buy a label, then ask where parcels are. Labels take an idempotency key: the
 * same key always gets the same label and is never billed twice, so a handler may call again after
 * a crash.
 */
export interface Carrier {
  name: string;
  createLabel(req: LabelRequest): Promise<Label>;
  /** Every scan the carrier has of each parcel so far, each with a stable id. */
  track(parcels: Parcel[]): Promise<Map<string, Scan[]>>;
}

export interface LabelRequest {
  idempotencyKey: string;
  destination: Shipment['shippingAddress'];
  items: Shipment['items'];
}

export interface Label {
  trackingNumber: string;
  trackingUrl: string | null;
}

export interface Parcel {
  trackingNumber: string;
  /** When the label was created: a simulator derives the journey from it. */
  labelCreatedAt: string;
  destinationCity: string;
}

export interface Scan {
  id: string;
  status: Exclude<ShipmentStatus, 'LABEL_CREATED'>;
  at: string;
  location: string | null;
  description: string;
}
