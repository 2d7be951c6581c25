import { notFound, type Db } from '@mercato/kernel';
import { findReview, moderateReview, type StoredReview } from '../db/reviews-repo.ts';
import { reviewMachine, type ModerationTrigger } from '../domain/review-machine.ts';
import { recount } from './recount.ts';

/**
 * An admin hides or shows a review, which leaves or rejoins its product's summary. A review that is
 * so already (the table has no such step from its status) is answered as it is.
 */
export function moderate(db: Db, moderatorId: string, reviewId: string, trigger: ModerationTrigger): Promise<StoredReview> {
  return db.transaction(async (tx) => {
    const before = await findReview(tx, reviewId, true);
    if (!before) throw notFound('Review');
    const rule = reviewMachine.next(before.status, trigger);
    if (!rule) return before;
    const after = await moderateReview(tx, before.id, rule.to, moderatorId);
    await recount(tx, before.productId, before, after);
    return after;
  });
}
