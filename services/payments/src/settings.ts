import { bool } from '@mercato/kernel';
import { z } from 'zod';

export const paymentsSettings = z.object({
  /** Score every charge for fraud before it reaches the provider, and decline the riskiest (see FRAUD_*). */
  FRAUD_SCREENING: bool.default(true),
  FRAUD_VELOCITY_PER_HOUR: z.coerce.number().int().min(1).default(100),
  FRAUD_DECLINES_PER_HOUR: z.coerce.number().int().min(1).default(5),
  FRAUD_LARGE_AMOUNT_CENTS: z.coerce.number().int().min(1).default(500_000),
  FRAUD_BLOCK_SCORE: z.coerce.number().int().min(1).max(100).default(70),
});

export type PaymentsSettings = z.output<typeof paymentsSettings>;
