import { duration } from '@mercato/kernel';
import { z } from 'zod';

export const returnsSettings = z.object({
  /** How long after delivery a customer may ask to return items. */
  RETURN_WINDOW: duration.default(30 * 86_400_000),
});

export type ReturnsSettings = z.output<typeof returnsSettings>;
