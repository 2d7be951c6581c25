import type { Promotion, PromotionInput } from '@mercato/contracts';
import { selectPage, type Queryable, type Tx } from '@mercato/kernel';
import type { HoldStatus } from '../domain/hold-machine.ts';

interface PromotionRow {
  id: string;
  code: string;
  description: string | null;
  kind: Promotion['kind'];
  percent_off: number | null;
  amount_off_cents: number | null;
  currency: string | null;
  min_subtotal_cents: number;
  starts_at: Date | null;
  ends_at: Date | null;
  max_redemptions: number | null;
  per_customer_limit: number;
  active: boolean;
  redemptions: number;
  created_at: Date;
}

const COLUMNS =
  'id, code, description, kind, percent_off, amount_off_cents, currency, min_subtotal_cents, starts_at, ends_at, max_redemptions, per_customer_limit, active, redemptions, created_at';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const toPromotion = (r: PromotionRow): Promotion => ({
  id: r.id,
  code: r.code,
  description: r.description,
  kind: r.kind,
  percentOff: r.percent_off,
  amountOffCents: r.amount_off_cents,
  currency: r.currency?.trim() ?? null,
  minSubtotalCents: r.min_subtotal_cents,
  startsAt: iso(r.starts_at),
  endsAt: iso(r.ends_at),
  maxRedemptions: r.max_redemptions,
  perCustomerLimit: r.per_customer_limit,
  active: r.active,
  redemptions: r.redemptions,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Inserts unless the code exists already; null then. */
export async function insertPromotion(db: Queryable, id: string, p: PromotionInput): Promise<Promotion | null> {
  const rows = await db.query<PromotionRow>(
    `INSERT INTO promotions.promotions (id, code, description, kind, percent_off, amount_off_cents, currency, min_subtotal_cents,
       starts_at, ends_at, max_redemptions, per_customer_limit, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
    [
      id,
      p.code,
      p.description ?? null,
      p.kind,
      p.kind === 'percent' ? p.percentOff : null,
      p.kind === 'fixed' ? p.amountOffCents : null,
      p.kind === 'fixed' ? p.currency : null,
      p.minSubtotalCents,
      p.startsAt ?? null,
      p.endsAt ?? null,
      p.maxRedemptions ?? null,
      p.perCustomerLimit,
      p.active,
    ],
  );
  return rows[0] ? toPromotion(rows[0]) : null;
}

export async function findPromotion(db: Queryable, where: { id: string } | { code: string }, forUpdate = false): Promise<Promotion | null> {
  const [column, value] = 'id' in where ? ['id', where.id] : ['code', where.code];
  const rows = await db.query<PromotionRow>(
    `SELECT ${COLUMNS} FROM promotions.promotions WHERE ${column} = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [value],
  );
  return rows[0] ? toPromotion(rows[0]) : null;
}

export async function listPromotions(db: Queryable, f: { active?: boolean; page: number; pageSize: number }) {
  const { rows, total } = await selectPage<PromotionRow>(db, {
    columns: COLUMNS,
    table: 'promotions.promotions',
    equal: { active: f.active },
    orderBy: 'created_at DESC, id DESC',
    page: f.page,
    pageSize: f.pageSize,
  });
  return { items: rows.map(toPromotion), total };
}

export interface PromotionChange {
  description?: string;
  endsAt?: string | null;
  maxRedemptions?: number | null;
  active?: boolean;
}

/** Changes what was given; a field left out keeps its value, null clears it. */
export async function changePromotion(db: Queryable, id: string, c: PromotionChange): Promise<Promotion | null> {
  const rows = await db.query<PromotionRow>(
    `UPDATE promotions.promotions SET
       description = CASE WHEN $2 THEN $3 ELSE description END,
       ends_at = CASE WHEN $4 THEN $5::timestamptz ELSE ends_at END,
       max_redemptions = CASE WHEN $6 THEN $7::int ELSE max_redemptions END,
       active = coalesce($8, active)
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      c.description !== undefined,
      c.description ?? null,
      c.endsAt !== undefined,
      c.endsAt ?? null,
      c.maxRedemptions !== undefined,
      c.maxRedemptions ?? null,
      c.active ?? null,
    ],
  );
  return rows[0] ? toPromotion(rows[0]) : null;
}

export interface Hold {
  orderId: string;
  promotionId: string;
  customerId: string;
  discountCents: number;
  status: HoldStatus;
}

export async function findHold(db: Queryable, orderId: string): Promise<Hold | null> {
  const rows = await db.query<{ order_id: string; promotion_id: string; customer_id: string; discount_cents: number; status: HoldStatus }>(
    'SELECT order_id, promotion_id, customer_id, discount_cents, status FROM promotions.holds WHERE order_id = $1',
    [orderId],
  );
  const r = rows[0];
  return r
    ? { orderId: r.order_id, promotionId: r.promotion_id, customerId: r.customer_id, discountCents: r.discount_cents, status: r.status }
    : null;
}

/** The customer's orders holding or having used the promotion. */
export async function customerHolds(db: Queryable, promotionId: string, customerId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM promotions.holds WHERE promotion_id = $1 AND customer_id = $2 AND status <> 'RELEASED'",
    [promotionId, customerId],
  );
  return rows[0]!.n;
}

/** Holds the promotion for an order and counts it, in one statement; false when the order holds one already. */
export async function insertHold(tx: Tx, h: Omit<Hold, 'status'>): Promise<boolean> {
  const rows = await tx.query<{ inserted: number }>(
    `WITH h AS (
       INSERT INTO promotions.holds (order_id, promotion_id, customer_id, discount_cents, status) VALUES ($1, $2, $3, $4, 'HELD')
       ON CONFLICT (order_id) DO NOTHING RETURNING promotion_id
     ), counted AS (
       UPDATE promotions.promotions p SET redemptions = redemptions + 1 FROM h WHERE p.id = h.promotion_id
     )
     SELECT count(*)::int AS inserted FROM h`,
    [h.orderId, h.promotionId, h.customerId, h.discountCents],
  );
  return rows[0]!.inserted === 1;
}

/**
 * Moves an order's hold from one of `from` to `to`, keeping the promotion's count: a release gives
 * its use back, and a redemption after a release (an expired hold whose order came through after
 * all) takes it again. Returns whether it moved.
 */
export async function moveHold(tx: Tx, orderId: string, from: readonly HoldStatus[], to: HoldStatus): Promise<boolean> {
  const rows = await tx.query<{ moved: number }>(
    `WITH old AS (
       SELECT order_id, promotion_id, status FROM promotions.holds WHERE order_id = $1 AND status = ANY($2::text[]) FOR UPDATE
     ), h AS (
       UPDATE promotions.holds SET status = $3, updated_at = now() FROM old WHERE holds.order_id = old.order_id
       RETURNING old.promotion_id, old.status AS was
     ), counted AS (
       UPDATE promotions.promotions p
       SET redemptions = redemptions + CASE WHEN $3 = 'RELEASED' THEN -1 WHEN h.was = 'RELEASED' THEN 1 ELSE 0 END
       FROM h WHERE p.id = h.promotion_id
     )
     SELECT count(*)::int AS moved FROM h`,
    [orderId, from, to],
  );
  return rows[0]!.moved === 1;
}

/** Holds whose order never came to be (placed or not, it had its answer by now), oldest first. */
export async function staleHolds(db: Queryable, olderThanMs: number, limit: number): Promise<string[]> {
  const rows = await db.query<{ order_id: string }>(
    `SELECT order_id FROM promotions.holds WHERE status = 'HELD' AND created_at < now() - ($1 || ' milliseconds')::interval ORDER BY created_at LIMIT $2`,
    [String(olderThanMs), limit],
  );
  return rows.map((r) => r.order_id);
}
