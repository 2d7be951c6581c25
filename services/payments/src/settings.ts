import { bool } from '@mercato/kernel';
import { z } from 'zod';

const PROVIDERS = ['simulator', 'stripe'] as const;

/** `simulator` alone, or the real providers the checkout offers, comma-separated. */
const providerList = z
  .string()
  .transform((v) => v.split(',').map((p) => p.trim()))
  .pipe(z.array(z.enum(PROVIDERS)).min(1))
  .refine((list) => list.length === 1, 'name one provider: simulator, or stripe');

const optional = z.string().trim().min(1).optional();

export const paymentsSettings = z
  .object({
    /** Score every charge for fraud before it reaches the provider, and decline the riskiest (see FRAUD_*). */
    FRAUD_SCREENING: bool.default(true),
    FRAUD_VELOCITY_PER_HOUR: z.coerce.number().int().min(1).default(100),
    FRAUD_DECLINES_PER_HOUR: z.coerce.number().int().min(1).default(5),
    FRAUD_LARGE_AMOUNT_CENTS: z.coerce.number().int().min(1).default(500_000),
    FRAUD_BLOCK_SCORE: z.coerce.number().int().min(1).max(100).default(70),
    PAYMENT_PROVIDERS: providerList.default(['simulator']),
    STRIPE_SECRET_KEY: optional,
    STRIPE_PUBLISHABLE_KEY: optional,
    STRIPE_WEBHOOK_SECRET: optional,
    /** manual: authorise at checkout, capture when the order ships, void when it is cancelled before. */
    STRIPE_CAPTURE: z.enum(['automatic', 'manual']).default('automatic'),
    /** Where the Stripe SDK sends its requests: Stripe's API unless a test points it at a local server. */
    STRIPE_API_HOST: optional,
    STRIPE_API_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    STRIPE_API_PROTOCOL: z.enum(['https', 'http']).default('https'),
  })
  .superRefine((s, issue) => {
    if (!s.PAYMENT_PROVIDERS.includes('stripe')) return;
    for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) {
      if (!s[key]) issue.addIssue({ code: 'custom', path: [key], message: 'is needed with PAYMENT_PROVIDERS=stripe' });
    }
  });

export type PaymentsSettings = z.output<typeof paymentsSettings>;
