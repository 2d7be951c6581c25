import { conflict, notFound, type Db } from '@mercato/kernel';
import { deleteOwnReview, findOwnReview } from '../db/reviews-repo.ts';
import { recount } from './recount.ts';

/** A customer deletes their review of a product, unless the moderators hid it. */
export function deleteReview(db: Db, customerId: string, productId: string): Promise<void> {
  return db.transaction(async (tx) => {
    const own = await findOwnReview(tx, productId, customerId, true);
    if (!own) throw notFound('Review');
    // Else deleting a hidden review and writing it again would undo the moderators' decision.
    if (own.status === 'hidden') {
      throw conflict('review_hidden', 'A review our moderators hid cannot be deleted; you may still change it');
    }
    const deleted = await deleteOwnReview(tx, productId, customerId);
    if (deleted) await recount(tx, productId, deleted, null);
  });
}
