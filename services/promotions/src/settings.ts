import { duration } from '@mercato/kernel';
import { z } from 'zod';

export const promotionsSettings = z.object({
  /** The orders service's payment timeout: a hold heard of for longer than that (and some slack) has no order. */
  ORDER_PAYMENT_TIMEOUT: duration.default(15 * 60_000),
});

export type PromotionsSettings = z.output<typeof promotionsSettings>;
