import type { NotificationPreferences } from '@mercato/contracts';
import type { Queryable } from '@mercato/kernel';
import { DEFAULT_PREFERENCES, type Audience } from '../domain/delivery.ts';

export interface Recipient {
  userId: string;
  email: string;
  name: string;
}

/**
 * Registers an address and fills it into the mail that arrived before it: identity's and
 * orders' events travel separately, so an order's first email can precede the registration.
 */
export async function addRecipient(db: Queryable, r: Recipient, delivering: boolean): Promise<void> {
  await db.query(
    `WITH r AS (
       INSERT INTO notifications.recipients (user_id, email, name) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO NOTHING RETURNING user_id, email)
     UPDATE notifications.outgoing e
     SET to_address = r.email, status = CASE WHEN $4::boolean THEN 'pending' ELSE e.status END, next_attempt_at = now()
     FROM r WHERE e.user_id = r.user_id AND e.channel = 'email' AND e.to_address = '' AND e.status = 'kept'`,
    [r.userId, r.email, r.name, delivering],
  );
}

/** Who a customer is (null until their registration arrives) and how they want to hear, in one statement. */
export async function findAudience(db: Queryable, userId: string): Promise<Audience> {
  const rows = await db.query<{
    email: string | null;
    name: string | null;
    by_email: boolean | null;
    by_sms: boolean | null;
    phone: string | null;
  }>(
    `SELECT r.email, r.name, p.email AS by_email, p.sms AS by_sms, p.phone
     FROM (SELECT $1::uuid AS user_id) u
     LEFT JOIN notifications.recipients r ON r.user_id = u.user_id
     LEFT JOIN notifications.preferences p ON p.user_id = u.user_id`,
    [userId],
  );
  const r = rows[0];
  return {
    recipient: r.email !== null ? { email: r.email, name: r.name! } : null,
    preferences: r.by_email === null ? DEFAULT_PREFERENCES : { email: r.by_email, sms: r.by_sms!, phone: r.phone },
  };
}

export async function savePreferences(db: Queryable, userId: string, p: NotificationPreferences): Promise<NotificationPreferences> {
  await db.query(
    `INSERT INTO notifications.preferences (user_id, email, sms, phone) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, sms = EXCLUDED.sms, phone = EXCLUDED.phone, updated_at = now()`,
    [userId, p.email, p.sms, p.phone],
  );
  return p;
}
