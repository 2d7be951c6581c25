import type { EmailRecord } from '@mercato/contracts';
import { selectPage, type Queryable } from '@mercato/kernel';

interface EmailRow {
  id: string;
  user_id: string;
  to_address: string;
  subject: string;
  body: string;
  status: EmailRecord['status'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS = 'id, user_id, to_address, subject, body, status, attempts, last_error, created_at, sent_at';

const toEmail = (r: EmailRow): EmailRecord => ({
  id: r.id,
  userId: r.user_id,
  to: r.to_address,
  subject: r.subject,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: new Date(r.created_at).toISOString(),
  sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
});

export type Channel = 'email' | 'sms';

/** One channel's outgoing messages, newest first: the local outbox when no server sends them. */
export async function listOutgoing(
  db: Queryable,
  channel: Channel,
  page: number,
  pageSize: number,
): Promise<{ items: EmailRecord[]; total: number }> {
  const { rows, total } = await selectPage<EmailRow>(db, {
    columns: COLUMNS,
    table: 'notifications.outgoing',
    equal: { channel },
    orderBy: 'created_at DESC, id DESC',
    page,
    pageSize,
  });
  return { items: rows.map(toEmail), total };
}

/**
 * Takes up to `limit` due messages of a channel and leases them for a minute: a replica sending at
 * the same time skips them, and those of a sender that died are taken up again once the lease runs out.
 */
export async function claimDue(db: Queryable, channel: Channel, limit: number): Promise<EmailRecord[]> {
  const rows = await db.query<EmailRow>(
    `UPDATE notifications.outgoing SET next_attempt_at = now() + interval '60 seconds'
     WHERE id IN (
       SELECT id FROM notifications.outgoing WHERE channel = $2 AND status = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [limit, channel],
  );
  return rows.map(toEmail);
}

export async function markSent(db: Queryable, id: string): Promise<void> {
  await db.query(
    `UPDATE notifications.outgoing SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $1`,
    [id],
  );
}

export async function markAttemptFailed(
  db: Queryable,
  id: string,
  attempts: number,
  error: string,
  next: { status: 'failed' } | { status: 'pending'; retryInMs: number },
): Promise<void> {
  await db.query(
    `UPDATE notifications.outgoing SET attempts = $2, last_error = $3, status = $4,
       next_attempt_at = now() + ($5 || ' milliseconds')::interval
     WHERE id = $1`,
    [id, attempts, error.slice(0, 1000), next.status, String(next.status === 'pending' ? next.retryInMs : 0)],
  );
}
