import type { Queryable } from '@mercato/kernel';

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
     UPDATE notifications.emails e
     SET to_address = r.email, status = CASE WHEN $4::boolean THEN 'pending' ELSE e.status END, next_attempt_at = now()
     FROM r WHERE e.user_id = r.user_id AND e.to_address = '' AND e.status = 'kept'`,
    [r.userId, r.email, r.name, delivering],
  );
}

export async function findRecipient(db: Queryable, userId: string): Promise<Recipient | null> {
  const rows = await db.query<{ email: string; name: string }>('SELECT email, name FROM notifications.recipients WHERE user_id = $1', [
    userId,
  ]);
  return rows[0] ? { userId, ...rows[0] } : null;
}
