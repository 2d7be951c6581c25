import type { ReturnStatus, ReturnView } from '@mercato/contracts';
import { appendHistory, selectPage, type Queryable, type Tx } from '@mercato/kernel';
import { CLAIMING } from '../domain/return-machine.ts';
import type { Claimed } from '../domain/returnable.ts';

export interface StoredReturn extends ReturnView {
  requestHash: string;
}

/** A return as the API shows it: without the fingerprint of the request that created it. */
export const viewOf = ({ requestHash: _, ...r }: StoredReturn): ReturnView => r;

interface ReturnRow {
  id: string;
  order_id: string;
  customer_id: string;
  status: ReturnStatus;
  reason: ReturnView['reason'];
  comment: string | null;
  items: ReturnView['items'];
  refund_cents: number;
  currency: string;
  history: ReturnView['history'];
  request_hash: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, order_id, customer_id, status, reason, comment, items, refund_cents, currency, history, request_hash, created_at, updated_at';

const toReturn = (r: ReturnRow): StoredReturn => ({
  id: r.id,
  orderId: r.order_id,
  customerId: r.customer_id,
  status: r.status,
  reason: r.reason,
  comment: r.comment,
  items: r.items,
  refundCents: r.refund_cents,
  currency: r.currency.trim(),
  history: r.history,
  requestHash: r.request_hash,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/**
 * Serialises the return requests of one order until the transaction ends, so that two requests at
 * once cannot both claim the last item.
 */
export async function lockOrderReturns(tx: Tx, orderId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('returns.order:' || $1, 0))", [orderId]);
}

/** What the order's live returns claim already, by product: how many, and how much they refund. */
export async function claimedLines(db: Queryable, orderId: string): Promise<Map<string, Claimed>> {
  const rows = await db.query<{ product_id: string; quantity: number; refund_cents: number }>(
    `SELECT line->>'productId' AS product_id, sum((line->>'quantity')::int)::int AS quantity,
       sum((line->>'refundCents')::bigint)::bigint AS refund_cents
     FROM returns.returns, jsonb_array_elements(items) AS line
     WHERE order_id = $1 AND status = ANY($2::text[])
     GROUP BY 1`,
    [orderId, CLAIMING],
  );
  return new Map(rows.map((r) => [r.product_id, { quantity: r.quantity, refundCents: Number(r.refund_cents) }]));
}

export type NewReturn = Omit<StoredReturn, 'status' | 'history' | 'createdAt' | 'updatedAt'> & { idempotencyKey: string };

/** Inserts unless this customer already used the idempotency key; null then. */
export async function insertReturn(tx: Tx, r: NewReturn): Promise<StoredReturn | null> {
  const history = [{ status: 'REQUESTED', note: null, at: new Date().toISOString() }];
  const rows = await tx.query<ReturnRow>(
    `INSERT INTO returns.returns
       (id, order_id, customer_id, status, reason, comment, items, refund_cents, currency, history, idempotency_key, request_hash)
     VALUES ($1, $2, $3, 'REQUESTED', $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (customer_id, idempotency_key) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      r.id,
      r.orderId,
      r.customerId,
      r.reason,
      r.comment,
      JSON.stringify(r.items),
      r.refundCents,
      r.currency,
      JSON.stringify(history),
      r.idempotencyKey,
      r.requestHash,
    ],
  );
  return rows[0] ? toReturn(rows[0]) : null;
}

export async function findByIdempotencyKey(db: Queryable, customerId: string, key: string): Promise<StoredReturn | null> {
  const rows = await db.query<ReturnRow>(`SELECT ${COLUMNS} FROM returns.returns WHERE customer_id = $1 AND idempotency_key = $2`, [
    customerId,
    key,
  ]);
  return rows[0] ? toReturn(rows[0]) : null;
}

export async function findReturn(db: Queryable, id: string): Promise<StoredReturn | null> {
  const rows = await db.query<ReturnRow>(`SELECT ${COLUMNS} FROM returns.returns WHERE id = $1`, [id]);
  return rows[0] ? toReturn(rows[0]) : null;
}

/**
 * Moves a return from `from` to `status` and appends the change to its history, in one statement;
 * null, and nothing changed, when it is not (or no longer) in `from`.
 */
export async function updateReturnStatus(
  tx: Tx,
  id: string,
  from: ReturnStatus,
  status: ReturnStatus,
  note: string | null,
): Promise<StoredReturn | null> {
  const rows = await tx.query<ReturnRow>(
    `UPDATE returns.returns SET status = $3, updated_at = now(),
       ${appendHistory('$3', 'note', '$4')}
     WHERE id = $1 AND status = $2
     RETURNING ${COLUMNS}`,
    [id, from, status, note],
  );
  return rows[0] ? toReturn(rows[0]) : null;
}

export interface ReturnFilter {
  customerId?: string;
  orderId?: string;
  status?: ReturnStatus;
  page: number;
  pageSize: number;
}

export async function listReturns(db: Queryable, f: ReturnFilter): Promise<{ items: StoredReturn[]; total: number }> {
  const { rows, total } = await selectPage<ReturnRow>(db, {
    columns: COLUMNS,
    table: 'returns.returns',
    equal: { customer_id: f.customerId, order_id: f.orderId, status: f.status },
    orderBy: 'created_at DESC, id DESC',
    page: f.page,
    pageSize: f.pageSize,
  });
  return { items: rows.map(toReturn), total };
}
