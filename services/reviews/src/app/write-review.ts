import type { ReviewInput } from '@mercato/contracts';
import { conflict, newId, type Db } from '@mercato/kernel';
import { hasReceived } from '../db/customers-repo.ts';
import { insertReview, type StoredReview } from '../db/reviews-repo.ts';
import { recount } from './recount.ts';

/** A customer reviews a product an order delivered to them, once; the review counts in its product's summary. */
export function writeReview(db: Db, customerId: string, productId: string, input: ReviewInput): Promise<StoredReview> {
  return db.transaction(async (tx) => {
    if (!(await hasReceived(tx, customerId, productId))) {
      throw conflict('review_needs_purchase', 'Only a customer who received this product may review it');
    }
    const inserted = await insertReview(tx, newId(), productId, customerId, input);
    if (!inserted) throw conflict('review_exists', 'You have reviewed this product already; change your review instead');
    await recount(tx, productId, null, inserted);
    return inserted;
  });
}
