import { z } from 'zod';
import { pageQuery, uuid } from './common.ts';
import { paymentMethod } from './payments.ts';
import { promoCode } from './promotions.ts';

/** The checkout saga's statuses, then fulfilment's: a CONFIRMED order is SHIPPED, then DELIVERED. */
/** AWAITING_ACTION: the card's bank asked the customer to confirm the payment (3-D Secure); the provider's webhook tells the outcome. */
export const ORDER_STATUSES = [
  'PENDING',
  'AWAITING_PAYMENT',
  'AWAITING_ACTION',
  'CONFIRMED',
  'REJECTED',
  'CANCELLED',
  'SHIPPED',
  'DELIVERED',
] as const;
export const orderStatus = z.enum(ORDER_STATUSES);
/** An order paid for that stays so: confirmed, then shipped and delivered. Its stock is sold and its payment captured. */
export const CONFIRMED_STATUSES: readonly OrderStatus[] = ['CONFIRMED', 'SHIPPED', 'DELIVERED'];
export type OrderStatus = z.infer<typeof orderStatus>;

export const shippingAddress = z.object({
  name: z.string().trim().min(1).max(200),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as FR'),
});

export const placeOrderInput = z.object({
  items: z
    .array(z.object({ productId: uuid, quantity: z.number().int().min(1).max(1000) }))
    .min(1)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.productId)).size === items.length, 'each product may appear once'),
  shippingAddress,
  paymentMethod,
  promoCode: promoCode.optional(),
});
export type PlaceOrderInput = z.infer<typeof placeOrderInput>;

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
});

export const orderLineView = z.object({
  productId: uuid,
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
  lineTotalCents: z.number().int(),
  /** The line's share of the order's discount: what was paid for it is lineTotalCents − discountCents. */
  discountCents: z.number().int(),
});

export const statusChange = z.object({ status: orderStatus, reason: z.string().nullable(), at: z.string() });

/** The requests a person may make of an order: cancel it (before it ships), ship it (staff). */
export const ORDER_ACTIONS = ['cancel', 'ship'] as const;
export const orderAction = z.enum(ORDER_ACTIONS);
export type OrderAction = z.infer<typeof orderAction>;

export const order = z.object({
  id: uuid,
  customerId: uuid,
  status: orderStatus,
  statusReason: z.string().nullable(),
  /** The lines at catalog prices, before the discount. */
  subtotalCents: z.number().int(),
  discountCents: z.number().int(),
  promoCode: z.string().nullable(),
  /** What the customer pays: subtotal − discount. Prices include VAT. */
  totalCents: z.number().int(),
  /** The VAT included in the total, at the destination's rate. */
  taxCents: z.number().int(),
  taxRatePercent: z.number(),
  currency: z.string(),
  items: z.array(orderLineView),
  shippingAddress,
  paymentMethod: z.string(),
  history: z.array(statusChange),
  /** What may be asked of the order in its status, read from its state machine (the API still decides who may ask). */
  actions: z.array(orderAction),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof order>;

export const orderListQuery = pageQuery.extend({
  status: orderStatus.optional(),
  /** Admins list every customer's orders with all=true. */
  all: z.enum(['true', 'false']).optional(),
  /** Orders placed at or after this instant. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Orders placed before this instant. */
  to: z.iso.datetime({ offset: true }).optional(),
});

export const orderStatsQuery = z.object({
  /** The window: this many hours back, counting the current hour. */
  hours: z.coerce.number().int().min(1).max(168).default(24),
});

export const orderStats = z.object({
  /** The currency revenue is summed in: the one most orders of the window are in; null when there are none. */
  currency: z.string().nullable(),
  /** Orders placed in the window, by their status now. */
  byStatus: z.object({
    PENDING: z.number().int(),
    AWAITING_PAYMENT: z.number().int(),
    AWAITING_ACTION: z.number().int(),
    CONFIRMED: z.number().int(),
    REJECTED: z.number().int(),
    CANCELLED: z.number().int(),
    SHIPPED: z.number().int(),
    DELIVERED: z.number().int(),
  }),
  /** Every hour of the window, oldest first, including hours without orders. */
  perHour: z.array(z.object({ hour: z.string(), orders: z.number().int(), confirmedRevenueCents: z.number().int() })),
});
export type OrderStats = z.infer<typeof orderStats>;
