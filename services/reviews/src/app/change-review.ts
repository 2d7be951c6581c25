import type { ReviewInput } from '@mercato/contracts';
import { notFound, type Db } from '@mercato/kernel';
import { findOwnReview, updateReview, type StoredReview } from '../db/reviews-repo.ts';
import { recount } from './recount.ts';

/** A customer rewrites their review of a product; a hidden one stays hidden. */
export function changeReview(db: Db, customerId: string, productId: string, input: ReviewInput): Promise<StoredReview> {
  return db.transaction(async (tx) => {
    const before = await findOwnReview(tx, productId, customerId, true);
    if (!before) throw notFound('Review');
    const after = await updateReview(tx, before.id, input);
    await recount(tx, productId, before, after);
    return after;
  });
}
