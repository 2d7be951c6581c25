import { z } from 'zod';
import { pageQuery, uuid } from './common.ts';

/** The Stripe-style test methods the simulated provider understands; anything else is refused at checkout. */
export const PAYMENT_METHODS = ['pm_card_visa', 'pm_card_mastercard', 'pm_card_chargeDeclined', 'pm_card_insufficientFunds'] as const;
export const paymentMethod = z.enum(PAYMENT_METHODS, {
  error: `must be one of the supported payment methods: ${PAYMENT_METHODS.join(', ')}`,
});
export type PaymentMethod = z.infer<typeof paymentMethod>;

/** What the API shows; a payment voided before any charge is internal bookkeeping and never listed. */
export const PAYMENT_STATUSES = ['CAPTURED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const;
export const paymentStatus = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof paymentStatus>;

export const payment = z.object({
  id: uuid,
  orderId: uuid,
  amountCents: z.number().int(),
  refundedCents: z.number().int(),
  currency: z.string(),
  status: paymentStatus,
  method: z.string(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Payment = z.infer<typeof payment>;

export const paymentListQuery = pageQuery.extend({ orderId: uuid.optional() });
