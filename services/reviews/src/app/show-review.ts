import type { Db } from '@mercato/kernel';
import { moderate } from './moderate.ts';

/** An admin shows a hidden review again. */
export const showReview = (db: Db, moderatorId: string, reviewId: string) => moderate(db, moderatorId, reviewId, 'show');
