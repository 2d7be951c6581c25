import { z } from 'zod';
import { pageQuery, uuid } from './common.ts';

export const RETURN_REASONS = ['damaged', 'wrong_item', 'not_as_described', 'no_longer_needed', 'other'] as const;
export const returnReason = z.enum(RETURN_REASONS);

/**
 * REQUESTED by the customer; APPROVED or REJECTED by staff; RECEIVED when the parcel is back (its
 * items restocked, their price refunded); REFUNDED once the money is back. The customer may
 * withdraw it (CANCELLED) until it is received.
 */
export const RETURN_STATUSES = ['REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'REFUNDED', 'CANCELLED'] as const;
export const returnStatus = z.enum(RETURN_STATUSES);
export type ReturnStatus = z.infer<typeof returnStatus>;

export const returnRequestInput = z.object({
  orderId: uuid,
  items: z
    .array(z.object({ productId: uuid, quantity: z.number().int().min(1).max(1000) }))
    .min(1)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.productId)).size === items.length, 'each product may appear once'),
  reason: returnReason,
  comment: z.string().trim().max(1000).optional(),
});
export type ReturnRequestInput = z.infer<typeof returnRequestInput>;

export const returnLine = z.object({
  productId: uuid,
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
  refundCents: z.number().int(),
});

export const returnView = z.object({
  id: uuid,
  orderId: uuid,
  customerId: uuid,
  status: returnStatus,
  reason: returnReason,
  comment: z.string().nullable(),
  items: z.array(returnLine),
  /** What the customer gets back: the price paid for the returned items. */
  refundCents: z.number().int(),
  currency: z.string(),
  history: z.array(z.object({ status: returnStatus, note: z.string().nullable(), at: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReturnView = z.infer<typeof returnView>;

export const returnListQuery = pageQuery.extend({ orderId: uuid.optional(), status: returnStatus.optional() });

/** A staff decision, with a note the customer reads (why a return was rejected, say); the body may be left out. */
export const returnDecisionInput = z.object({ note: z.string().trim().min(1).max(500).optional() }).nullish();
