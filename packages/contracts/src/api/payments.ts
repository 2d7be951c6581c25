import { z } from 'zod';
import { pageQuery, uuid } from './common.ts';

/** The Stripe-style test methods the simulated provider understands. */
export const PAYMENT_METHODS = ['pm_card_visa', 'pm_card_mastercard', 'pm_card_chargeDeclined', 'pm_card_insufficientFunds'] as const;
/** A PaymentMethod Stripe.js created in the shopper's browser: its id, never the card. */
const stripePaymentMethod = /^pm_[A-Za-z0-9]{14,64}$/;
export const paymentMethod = z.union([z.enum(PAYMENT_METHODS), z.string().regex(stripePaymentMethod)], {
  error: `must be a Stripe PaymentMethod id or one of the test methods: ${PAYMENT_METHODS.join(', ')}`,
});
export type PaymentMethod = z.infer<typeof paymentMethod>;
export type TestPaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * What the API shows; a payment voided before any charge is internal bookkeeping and never listed.
 * REQUIRES_ACTION waits for the customer (3-D Secure); AUTHORIZED holds the money until the order ships (manual capture).
 */
export const PAYMENT_STATUSES = ['REQUIRES_ACTION', 'AUTHORIZED', 'CAPTURED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const;
export const paymentStatus = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatus>;

export const payment = z.object({
  id: uuid,
  orderId: uuid,
  amountCents: z.number().int(),
  refundedCents: z.number().int(),
  currency: z.string(),
  status: paymentStatus,
  /** Who took it: `simulator`, `stripe`. */
  provider: z.string(),
  /** The method's token (`pm_card_visa`) and the provider's reference of the payment: staff only, null for customers. */
  method: z.string().nullable(),
  providerReference: z.string().nullable(),
  /** The card as the provider reported it, when it did. */
  card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
  declineReason: z.string().nullable(),
  /** Lost to chargebacks: the card's bank took it back after a dispute. */
  disputedCents: z.number().int(),
  /** The fraud screening's score (0 to 100) and its signals: shown to admins and ops only, null for others. */
  risk: z.object({ score: z.number().int(), reasons: z.array(z.string()) }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Payment = z.infer<typeof payment>;

export const paymentListQuery = pageQuery.extend({ orderId: uuid.optional() });

export const DISPUTE_REASONS = ['fraudulent', 'product_not_received', 'product_unacceptable', 'duplicate', 'other'] as const;
/** NEEDS_RESPONSE when the bank reports it; UNDER_REVIEW once the shop answered with evidence; WON or LOST by the bank's decision. */
export const DISPUTE_STATUSES = ['NEEDS_RESPONSE', 'UNDER_REVIEW', 'WON', 'LOST'] as const;
export const disputeStatus = z.enum(DISPUTE_STATUSES);

export const disputeInput = z.object({
  reason: z.enum(DISPUTE_REASONS),
  /** What the bank claims back; absent: all that is left of the capture. */
  amountCents: z.number().int().min(1).optional(),
  providerDisputeId: z.string().trim().min(1).max(100).optional(),
});
export const disputeEvidenceInput = z.object({ text: z.string().trim().min(1).max(5000) });
export const disputeResolutionInput = z.object({ outcome: z.enum(['won', 'lost']) });

export const dispute = z.object({
  id: uuid,
  paymentId: uuid,
  orderId: uuid,
  customerId: uuid,
  amountCents: z.number().int(),
  currency: z.string(),
  reason: z.enum(DISPUTE_REASONS),
  status: disputeStatus,
  evidence: z.string().nullable(),
  providerDisputeId: z.string().nullable(),
  history: z.array(z.object({ status: disputeStatus, note: z.string().nullable(), at: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dispute = z.infer<typeof dispute>;

/** What the checkout may offer: the providers payments takes money through, with what their browser libraries need. */
export const paymentMethods = z.object({
  providers: z.array(
    z.discriminatedUnion('name', [
      z.object({ name: z.literal('simulator'), testMethods: z.array(z.string()) }),
      z.object({ name: z.literal('stripe'), publishableKey: z.string() }),
    ]),
  ),
});
export type PaymentMethods = z.infer<typeof paymentMethods>;

/** What Stripe.js needs to confirm an order's PaymentIntent in the browser (3-D Secure); null before the charge exists. */
export const paymentClientSecret = z.object({ orderId: uuid, status: paymentStatus, clientSecret: z.string().nullable() });

export const disputeListQuery = pageQuery.extend({ status: disputeStatus.optional(), paymentId: uuid.optional() });
