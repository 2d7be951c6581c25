import type { Order, OrderStatus } from '@mercato/contracts';
import { appendHistory, type Queryable, type Tx } from '@mercato/kernel';

interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderStatus;
  status_reason: string | null;
  subtotal_cents: number;
  discount_cents: number;
  promo_code: string | null;
  promotion_id: string | null;
  total_cents: number;
  tax_cents: number;
  tax_rate: string;
  currency: string;
  items: Order['items'];
  shipping_address: Order['shippingAddress'];
  payment_method: string;
  history: Order['history'];
  request_hash: string;
  created_at: Date;
  updated_at: Date;
}

export interface StoredOrder extends Omit<Order, 'actions'> {
  requestHash: string;
  /** The promotion whose code gave the discount, told when the order is confirmed or fails. */
  promotionId: string | null;
}

const COLUMNS =
  'id, customer_id, status, status_reason, subtotal_cents, discount_cents, promo_code, promotion_id, total_cents, tax_cents, tax_rate, ' +
  'currency, items, shipping_address, payment_method, history, request_hash, created_at, updated_at';

const toOrder = (r: OrderRow): StoredOrder => ({
  id: r.id,
  customerId: r.customer_id,
  status: r.status,
  statusReason: r.status_reason,
  subtotalCents: r.subtotal_cents,
  discountCents: r.discount_cents,
  promoCode: r.promo_code,
  promotionId: r.promotion_id,
  totalCents: r.total_cents,
  taxCents: r.tax_cents,
  taxRatePercent: Number(r.tax_rate),
  currency: r.currency.trim(),
  // Lines of orders placed before discounts existed have none.
  items: r.items.map((l) => ({ ...l, discountCents: l.discountCents ?? 0 })),
  shippingAddress: r.shipping_address,
  paymentMethod: r.payment_method,
  history: r.history,
  requestHash: r.request_hash,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export interface NewOrder {
  id: string;
  customerId: string;
  status: OrderStatus;
  statusReason: string | null;
  subtotalCents: number;
  discountCents: number;
  promoCode: string | null;
  promotionId: string | null;
  totalCents: number;
  taxCents: number;
  taxRatePercent: number;
  currency: string;
  items: Order['items'];
  shippingAddress: Order['shippingAddress'];
  paymentMethod: string;
  idempotencyKey: string;
  requestHash: string;
}

/** Inserts unless this customer already used the idempotency key; null then. */
export async function insertOrder(tx: Tx, o: NewOrder): Promise<StoredOrder | null> {
  const history = [{ status: o.status, reason: o.statusReason, at: new Date().toISOString() }];
  const rows = await tx.query<OrderRow>(
    `INSERT INTO orders.orders (id, customer_id, status, status_reason, total_cents, currency, items, shipping_address,
       payment_method, history, idempotency_key, request_hash, subtotal_cents, discount_cents, promo_code, promotion_id,
       tax_cents, tax_rate)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (customer_id, idempotency_key) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      o.id,
      o.customerId,
      o.status,
      o.statusReason,
      o.totalCents,
      o.currency,
      JSON.stringify(o.items),
      JSON.stringify(o.shippingAddress),
      o.paymentMethod,
      JSON.stringify(history),
      o.idempotencyKey,
      o.requestHash,
      o.subtotalCents,
      o.discountCents,
      o.promoCode,
      o.promotionId,
      o.taxCents,
      o.taxRatePercent,
    ],
  );
  return rows[0] ? toOrder(rows[0]) : null;
}

export async function findByIdempotencyKey(db: Queryable, customerId: string, key: string): Promise<StoredOrder | null> {
  const rows = await db.query<OrderRow>(`SELECT ${COLUMNS} FROM orders.orders WHERE customer_id = $1 AND idempotency_key = $2`, [
    customerId,
    key,
  ]);
  return rows[0] ? toOrder(rows[0]) : null;
}

export async function findOrder(db: Queryable, id: string, forUpdate = false): Promise<StoredOrder | null> {
  const rows = await db.query<OrderRow>(`SELECT ${COLUMNS} FROM orders.orders WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toOrder(rows[0]) : null;
}

/**
 * Moves an order from status `from` to `status` and appends the change to its history, in one
 * statement; null, and nothing changed, when the order is not (or no longer) in `from`.
 */
export async function updateStatus(
  tx: Tx,
  id: string,
  from: OrderStatus,
  status: OrderStatus,
  reason: string | null,
): Promise<StoredOrder | null> {
  const rows = await tx.query<OrderRow>(
    `UPDATE orders.orders SET status = $3, status_reason = $4, updated_at = now(),
       ${appendHistory('$3', 'reason', '$4')}
     WHERE id = $1 AND status = $2
     RETURNING ${COLUMNS}`,
    [id, from, status, reason],
  );
  return rows[0] ? toOrder(rows[0]) : null;
}

export interface OrderFilter {
  customerId?: string;
  status?: OrderStatus;
  /** Placed at or after (ISO date-time). */
  from?: string;
  /** Placed before (ISO date-time). */
  to?: string;
  page: number;
  pageSize: number;
}

export async function listOrders(db: Queryable, f: OrderFilter): Promise<{ items: StoredOrder[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.customerId) {
    params.push(f.customerId);
    where.push(`customer_id = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`status = $${params.length}`);
  }
  if (f.from) {
    params.push(f.from);
    where.push(`created_at >= $${params.length}::timestamptz`);
  }
  if (f.to) {
    params.push(f.to);
    where.push(`created_at < $${params.length}::timestamptz`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [rows, count] = await Promise.all([
    db.query<OrderRow>(
      `SELECT ${COLUMNS} FROM orders.orders ${clause}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders.orders ${clause}`, params),
  ]);
  return { items: rows.map(toOrder), total: count[0].n };
}

/**
 * Orders in one of `statuses` older than the payment timeout, locked so that concurrent sweepers split
 * the work. The statuses are written into the statement, not bound, so the partial index on open orders applies.
 */
export async function lockExpiredOrders(
  tx: Tx,
  statuses: readonly OrderStatus[],
  olderThanMs: number,
  limit: number,
): Promise<StoredOrder[]> {
  const open = statuses.map((s) => `'${s}'`).join(', ');
  const rows = await tx.query<OrderRow>(
    `SELECT ${COLUMNS} FROM orders.orders
     WHERE status IN (${open}) AND created_at < now() - ($1 || ' milliseconds')::interval
     ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [String(olderThanMs), limit],
  );
  return rows.map(toOrder);
}
