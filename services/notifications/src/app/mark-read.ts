import type { Notification } from '@mercato/contracts';
import { notFound, type Queryable } from '@mercato/kernel';
import { setRead } from '../db/notifications-repo.ts';

/** Marks one of the user's own notices read; another user's is as absent as an unknown one (404). */
export async function markRead(db: Queryable, userId: string, id: string): Promise<Notification> {
  const updated = await setRead(db, id, userId);
  if (!updated) throw notFound('Notification');
  return updated;
}
