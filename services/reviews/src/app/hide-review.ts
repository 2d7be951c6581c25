import type { Db } from '@mercato/kernel';
import { moderate } from './moderate.ts';

/** An admin hides a review: it leaves the product's page and its summary. */
export const hideReview = (db: Db, moderatorId: string, reviewId: string) => moderate(db, moderatorId, reviewId, 'hide');
