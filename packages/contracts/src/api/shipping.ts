import { z } from 'zod';
import { pageQuery, uuid } from './common.ts';
import { shippingAddress } from './orders.ts';

/**
 * A parcel's journey as its carrier reports it. LABEL_CREATED is where every shipment starts; an
 * EXCEPTION (a failed delivery attempt, a damaged parcel) may still end DELIVERED.
 */
export const SHIPMENT_STATUSES = ['LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION'] as const;
export const shipmentStatus = z.enum(SHIPMENT_STATUSES);
export type ShipmentStatus = z.infer<typeof shipmentStatus>;

/** What a carrier (or ops, on its behalf) reports after the label: every status but the first. */
export const trackingStatus = shipmentStatus.exclude(['LABEL_CREATED']);

export const trackingEvent = z.object({
  status: shipmentStatus,
  at: z.string(),
  location: z.string().nullable(),
  description: z.string(),
});
export type TrackingEvent = z.infer<typeof trackingEvent>;

export const shipment = z.object({
  id: uuid,
  orderId: uuid,
  customerId: uuid,
  carrier: z.string(),
  trackingNumber: z.string(),
  /** The carrier's public tracking page, when it has one. */
  trackingUrl: z.string().nullable(),
  status: shipmentStatus,
  shippingAddress,
  items: z.array(z.object({ productId: uuid, quantity: z.number().int() })),
  /** Every scan, oldest first. */
  events: z.array(trackingEvent),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type Shipment = z.infer<typeof shipment>;

export const shipmentListQuery = pageQuery.extend({
  orderId: uuid.optional(),
  status: shipmentStatus.optional(),
});

export const trackingUpdateInput = z.object({
  status: trackingStatus,
  location: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().min(1).max(500).optional(),
});
export type TrackingUpdateInput = z.infer<typeof trackingUpdateInput>;
