import type { Queryable } from '@mercato/kernel';
import { setAllRead } from '../db/notifications-repo.ts';

export async function markAllRead(db: Queryable, userId: string): Promise<void> {
  await setAllRead(db, userId);
}
