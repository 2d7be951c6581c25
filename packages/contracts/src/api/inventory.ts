import { z } from 'zod';
import { uuid } from './common.ts';

export const stockInput = z.object({ onHand: z.number().int().min(0).max(10_000_000) });

export const stockLevel = z.object({
  productId: uuid,
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export type StockLevel = z.infer<typeof stockLevel>;

export const productIdParams = z.object({ productId: uuid });
