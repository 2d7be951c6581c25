import type { Promotion, PromotionInput } from '@mercato/contracts';
import { conflict, newId, type Queryable } from '@mercato/kernel';
import { insertPromotion } from '../db/promotions-repo.ts';

/** A new code; 409 promotion_code_taken when the code exists already. */
export async function createPromotion(db: Queryable, input: PromotionInput): Promise<Promotion> {
  const created = await insertPromotion(db, newId(), input);
  if (!created) throw conflict('promotion_code_taken', `The code ${input.code} exists already`);
  return created;
}
