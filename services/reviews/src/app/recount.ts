import type { Tx } from '@mercato/kernel';
import { addToTally } from '../db/ratings-repo.ts';
import type { StoredReview } from '../db/reviews-repo.ts';
import { isEmptyTally, tallyDelta } from '../domain/rating-tally.ts';

/**
 * Keeps the product's tally in step with a change to one of its reviews (null: it did not exist, or
 * no longer does), in the transaction of the change. A change that moves no rating writes nothing.
 */
export async function recount(tx: Tx, productId: string, before: StoredReview | null, after: StoredReview | null): Promise<void> {
  const delta = tallyDelta(before, after);
  if (!isEmptyTally(delta)) await addToTally(tx, productId, delta);
}
