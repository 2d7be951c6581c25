import { z } from 'zod';
import { shippingAddress } from './api/orders.ts';

const id = z.string().uuid();
const cents = z.number().int().min(0);
const currency = z.string().regex(/^[A-Z]{3}$/);

export const orderLine = z.object({
  productId: id,
  quantity: z.number().int().min(1),
  unitPriceCents: cents,
});

export const cancelReason = z.enum(['payment_declined', 'customer_cancelled', 'payment_timeout', 'admin_cancelled']);
export const rejectReason = z.enum(['insufficient_stock', 'unknown_product']);

/**
 * Every event type Mercato publishes, with the schema of its payload. Publishers validate on
 * emit, consumers on receipt; a payload that fails goes to dead letters, never into state.
 */
export const eventSchemas = {
  'user.registered': z.object({ userId: id, email: z.string().email(), name: z.string() }),

  'product.created': z.object({ productId: id, sku: z.string(), name: z.string(), priceCents: cents, currency }),
  'product.updated': z.object({ productId: id, sku: z.string(), name: z.string(), priceCents: cents, currency }),
  'product.deleted': z.object({ productId: id }),

  'order.placed': z.object({
    orderId: id,
    customerId: id,
    items: z.array(orderLine).min(1),
    totalCents: cents,
    currency,
  }),
  'order.confirmed': z.object({ orderId: id, customerId: id, totalCents: cents, currency }),
  'order.rejected': z.object({ orderId: id, customerId: id, reason: rejectReason }),
  'order.cancelled': z.object({ orderId: id, customerId: id, reason: cancelReason, previousStatus: z.string() }),
  'order.shipped': z.object({
    orderId: id,
    customerId: id,
    items: z.array(z.object({ productId: id, quantity: z.number().int().min(1) })).min(1),
    shippingAddress,
  }),
  'order.delivered': z.object({
    orderId: id,
    customerId: id,
    items: z.array(z.object({ productId: id, quantity: z.number().int().min(1) })).min(1),
  }),

  /** A discounted order was confirmed (its promotion is used) or did not go through (the promotion is free again). */
  'discount.redeemed': z.object({ orderId: id, customerId: id, promotionId: id }),
  'discount.released': z.object({ orderId: id, customerId: id, promotionId: id }),

  'inventory.reserved': z.object({ orderId: id }),
  'inventory.rejected': z.object({ orderId: id, reason: rejectReason, productIds: z.array(id) }),

  'payment.requested': z.object({
    orderId: id,
    customerId: id,
    amountCents: cents,
    currency,
    paymentMethod: z.string(),
  }),
  'payment.succeeded': z.object({ orderId: id, paymentId: id, amountCents: cents, currency }),
  'payment.failed': z.object({ orderId: id, paymentId: id, reason: z.string() }),
  /** The card's bank wants the customer to confirm (3-D Secure): the provider's webhook tells the outcome. */
  'payment.action_required': z.object({ orderId: id, paymentId: id, customerId: id }),
  'shipment.created': z.object({
    shipmentId: id,
    orderId: id,
    customerId: id,
    carrier: z.string(),
    trackingNumber: z.string(),
    trackingUrl: z.string().nullable(),
  }),
  'shipment.delivered': z.object({ shipmentId: id, orderId: id, customerId: id }),

  /** returnId: the return the refund is for; absent for the refund of a cancelled order. */
  'payment.refunded': z.object({ orderId: id, paymentId: id, customerId: id, amountCents: cents, currency, returnId: id.optional() }),

  'payment.disputed': z.object({
    disputeId: id,
    paymentId: id,
    orderId: id,
    customerId: id,
    amountCents: cents,
    currency,
    reason: z.string(),
  }),
  'dispute.closed': z.object({
    disputeId: id,
    paymentId: id,
    orderId: id,
    customerId: id,
    amountCents: cents,
    currency,
    outcome: z.enum(['won', 'lost']),
  }),

  'return.approved': z.object({ returnId: id, orderId: id, customerId: id, note: z.string().nullable() }),
  'return.rejected': z.object({ returnId: id, orderId: id, customerId: id, note: z.string().nullable() }),
  /** The parcel is back: inventory restocks its items, payments refunds refundCents. */
  'return.received': z.object({
    returnId: id,
    orderId: id,
    customerId: id,
    items: z.array(z.object({ productId: id, quantity: z.number().int().min(1) })).min(1),
    refundCents: cents,
    currency,
  }),
} as const;

export type EventSchemas = typeof eventSchemas;
export type EventType = keyof EventSchemas;
export type EventPayload<T extends EventType> = z.infer<EventSchemas[T]>;

export const eventEnvelope = z.object({
  id,
  type: z.string(),
  version: z.number().int(),
  occurredAt: z.string(),
  aggregateId: z.string(),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  payload: z.unknown(),
});

/** An event that exhausted its retries, as the admin API lists it. */
export const deadLetter = z.object({
  id,
  consumer: z.string(),
  eventId: id,
  type: z.string(),
  attempts: z.number().int(),
  error: z.string(),
  failedAt: z.string(),
  envelope: eventEnvelope,
});
export type DeadLetterView = z.infer<typeof deadLetter>;
