import type { Db } from '@mercato/kernel';
import { moveHold, staleHolds } from '../db/promotions-repo.ts';
import { holdMove } from '../domain/hold-machine.ts';

const BATCH = 100;
const { from, to } = holdMove('expire');

/**
 * Releases holds that heard nothing of their order for `olderThanMs`: an order placed is confirmed or
 * cancelled within the payment timeout, so such a hold belongs to an order that never came to be (a
 * request that failed after the hold, or lost a race on its Idempotency-Key).
 */
export async function releaseStaleHolds(db: Db, olderThanMs: number): Promise<void> {
  let found: string[];
  do {
    found = await staleHolds(db, olderThanMs, BATCH);
    for (const orderId of found) await db.transaction((tx) => moveHold(tx, orderId, from, to));
  } while (found.length === BATCH);
}
