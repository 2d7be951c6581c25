import { duration } from '@mercato/kernel';
import { z } from 'zod';
import { parseTaxRates } from './domain/tax.ts';

export const ordersSettings = z.object({
  /** Cancel, and so compensate, an order not confirmed within this time. */
  ORDER_PAYMENT_TIMEOUT: duration.default(15 * 60_000),
  /** VAT rates by destination, added to or replacing the standard ones: `GB=20,US=0`. */
  TAX_RATES: z
    .string()
    .default('')
    .superRefine((text, ctx) => {
      // Read here so that an entry it cannot read stops the start, not the first order.
      try {
        parseTaxRates(text);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
      }
    }),
});

export type OrdersSettings = z.output<typeof ordersSettings>;
