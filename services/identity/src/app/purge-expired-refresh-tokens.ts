import type { Queryable } from '@mercato/kernel';
import { deleteExpiredRefreshTokens } from '../db/refresh-tokens-repo.ts';

/** Small batches keep each delete short, since the embedded database runs one statement at a time. */
const PURGE_BATCH = 1000;

export async function purgeExpiredRefreshTokens(db: Queryable): Promise<void> {
  let deleted: number;
  do deleted = await deleteExpiredRefreshTokens(db, PURGE_BATCH);
  while (deleted === PURGE_BATCH);
}
