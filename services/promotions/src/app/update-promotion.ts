import type { Promotion } from '@mercato/contracts';
import { notFound, type Queryable } from '@mercato/kernel';
import { changePromotion, type PromotionChange } from '../db/promotions-repo.ts';

/** Changes a promotion's description, end, limit or whether it is active. */
export async function updatePromotion(db: Queryable, id: string, change: PromotionChange): Promise<Promotion> {
  const updated = await changePromotion(db, id, change);
  if (!updated) throw notFound('Promotion');
  return updated;
}
