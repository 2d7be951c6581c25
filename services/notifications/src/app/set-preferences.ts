import type { NotificationPreferences } from '@mercato/contracts';
import type { Queryable } from '@mercato/kernel';
import { savePreferences } from '../db/recipients-repo.ts';

/** How a customer hears about their orders besides in the app; no phone means none. */
export async function setPreferences(
  db: Queryable,
  userId: string,
  p: { email: boolean; sms: boolean; phone?: string | null },
): Promise<NotificationPreferences> {
  return savePreferences(db, userId, { email: p.email, sms: p.sms, phone: p.phone ?? null });
}
