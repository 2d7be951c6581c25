import type { Notification } from '@mercato/contracts';
import { newId, type Queryable } from '@mercato/kernel';
import type { NewOutgoing } from '../domain/delivery.ts';
import type { Message } from '../domain/messages.ts';

interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  order_id: string | null;
  read_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, kind, title, body, order_id, read_at, created_at';

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  orderId: r.order_id,
  read: r.read_at !== null,
  createdAt: new Date(r.created_at).toISOString(),
});

/** The in-app notice and what goes out with it (email, SMS) in one statement; they go out only if the notice is new. */
export async function recordNotification(db: Queryable, id: string, m: Message, outgoing: NewOutgoing[]): Promise<void> {
  await db.query(
    `WITH n AS (
       INSERT INTO notifications.notifications (id, user_id, order_id, kind, subject, title, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (order_id, kind, subject) DO NOTHING RETURNING user_id)
     INSERT INTO notifications.outgoing (id, user_id, channel, to_address, subject, body, status)
     SELECT o.id, n.user_id, o.channel, o.to_address, o.subject, o.body, o.status
     FROM n, unnest($8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
       AS o(id, channel, to_address, subject, body, status)`,
    [
      id,
      m.userId,
      m.orderId,
      m.kind,
      m.subject,
      m.title,
      m.body,
      outgoing.map(() => newId()),
      outgoing.map((o) => o.channel),
      outgoing.map((o) => o.to),
      outgoing.map((o) => o.subject),
      outgoing.map((o) => o.body),
      outgoing.map((o) => o.status),
    ],
  );
}

export interface NotificationSearch {
  userId: string;
  unread?: boolean;
  page: number;
  pageSize: number;
}

export async function listNotifications(
  db: Queryable,
  s: NotificationSearch,
): Promise<{ items: Notification[]; total: number; unreadCount: number }> {
  const filter = s.unread === undefined ? 'true' : s.unread ? 'read_at IS NULL' : 'read_at IS NOT NULL';
  const rows = await db.query<NotificationRow>(
    `SELECT ${COLUMNS} FROM notifications.notifications WHERE user_id = $1 AND ${filter}
     ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
    [s.userId, s.pageSize, (s.page - 1) * s.pageSize],
  );
  const counts = await db.query<{ total: number; unread: number }>(
    `SELECT count(*) FILTER (WHERE ${filter})::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
     FROM notifications.notifications WHERE user_id = $1`,
    [s.userId],
  );
  return { items: rows.map(toNotification), total: counts[0].total, unreadCount: counts[0].unread };
}

/** Marks the user's own notice read; null when it is not theirs or does not exist. */
export async function setRead(db: Queryable, id: string, userId: string): Promise<Notification | null> {
  const rows = await db.query<NotificationRow>(
    `UPDATE notifications.notifications SET read_at = coalesce(read_at, now())
     WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
    [id, userId],
  );
  return rows[0] ? toNotification(rows[0]) : null;
}

export async function setAllRead(db: Queryable, userId: string): Promise<void> {
  await db.query('UPDATE notifications.notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [userId]);
}
