import { z } from 'zod';
import { currency, pageQuery, uuid } from './common.ts';

export const promoCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, '3 to 32 letters, digits and dashes');

export const PROMOTION_KINDS = ['percent', 'fixed'] as const;

const promotionFields = {
  code: promoCode,
  description: z.string().trim().max(200).optional(),
  kind: z.enum(PROMOTION_KINDS),
  /** For `percent`: the share of the subtotal taken off. */
  percentOff: z.number().int().min(1).max(100).optional(),
  /** For `fixed`: the amount taken off, at most the subtotal, in `currency`. */
  amountOffCents: z.number().int().min(1).optional(),
  currency: currency.optional(),
  minSubtotalCents: z.number().int().min(0).default(0),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  /** Orders that may use it in all; absent: no limit. */
  maxRedemptions: z.number().int().min(1).optional(),
  perCustomerLimit: z.number().int().min(1).default(1),
  active: z.boolean().default(true),
};

export const promotionInput = z
  .object(promotionFields)
  .refine((p) => p.kind !== 'percent' || p.percentOff !== undefined, {
    path: ['percentOff'],
    message: 'a percent promotion needs percentOff',
  })
  .refine((p) => p.kind !== 'fixed' || (p.amountOffCents !== undefined && p.currency !== undefined), {
    path: ['amountOffCents'],
    message: 'a fixed promotion needs amountOffCents and currency',
  })
  .refine((p) => !p.startsAt || !p.endsAt || Date.parse(p.startsAt) < Date.parse(p.endsAt), {
    path: ['endsAt'],
    message: 'must be after startsAt',
  });
export type PromotionInput = z.infer<typeof promotionInput>;

/** What an admin may change once a promotion exists: its lifetime and limits, never what it gives. */
export const promotionPatch = z.object({
  description: z.string().trim().max(200).optional(),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  maxRedemptions: z.number().int().min(1).nullable().optional(),
  active: z.boolean().optional(),
});

export const promotion = z.object({
  id: uuid,
  code: z.string(),
  description: z.string().nullable(),
  kind: z.enum(PROMOTION_KINDS),
  percentOff: z.number().int().nullable(),
  amountOffCents: z.number().int().nullable(),
  currency: z.string().nullable(),
  minSubtotalCents: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  maxRedemptions: z.number().int().nullable(),
  perCustomerLimit: z.number().int(),
  active: z.boolean(),
  /** Orders holding or having used it (released holds not counted). */
  redemptions: z.number().int(),
  createdAt: z.string(),
});
export type Promotion = z.infer<typeof promotion>;

export const promotionListQuery = pageQuery.extend({ active: z.enum(['true', 'false']).optional() });

export const promotionQuoteQuery = z.object({
  subtotalCents: z.coerce.number().int().min(0),
  currency,
});

/** Orders asks for a code to be held for an order it is about to place. */
export const promotionHoldInput = z.object({ code: promoCode, orderId: uuid, subtotalCents: z.number().int().min(0), currency });

export const promotionQuote = z.object({ promotionId: uuid, code: z.string(), discountCents: z.number().int() });
export type PromotionQuote = z.infer<typeof promotionQuote>;
