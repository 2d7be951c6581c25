import type { Queryable, Tx } from '@mercato/kernel';
import type { Line, ReservationStatus, Stock } from '../domain/reservation.ts';

interface StockRow {
  product_id: string;
  on_hand: number;
  reserved: number;
}

const toStock = (r: StockRow): Stock => ({ productId: r.product_id, onHand: r.on_hand, reserved: r.reserved });

export async function getStock(db: Queryable, productIds: string[]): Promise<Stock[]> {
  const rows = await db.query<StockRow>(
    'SELECT product_id, on_hand, reserved FROM inventory.stock WHERE product_id = ANY($1::uuid[])',
    [productIds],
  );
  return rows.map(toStock);
}

/** Locks in product-id order, so two orders over the same products never deadlock. */
export async function lockStock(tx: Tx, productIds: string[]): Promise<Stock[]> {
  const rows = await tx.query<StockRow>(
    'SELECT product_id, on_hand, reserved FROM inventory.stock WHERE product_id = ANY($1::uuid[]) ORDER BY product_id FOR UPDATE',
    [productIds],
  );
  return rows.map(toStock);
}

export async function lowStock(db: Queryable, threshold: number, limit: number): Promise<Stock[]> {
  const rows = await db.query<StockRow>(
    'SELECT product_id, on_hand, reserved FROM inventory.stock WHERE on_hand - reserved <= $1 ORDER BY on_hand - reserved, product_id LIMIT $2',
    [threshold, limit],
  );
  return rows.map(toStock);
}

/** Sets on-hand unless that would fall below what is reserved; null when it would. */
export async function setOnHand(db: Queryable, productId: string, onHand: number): Promise<Stock | null> {
  const rows = await db.query<StockRow>(
    `INSERT INTO inventory.stock (product_id, on_hand) VALUES ($1, $2)
     ON CONFLICT (product_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, updated_at = now()
       WHERE inventory.stock.reserved <= EXCLUDED.on_hand
     RETURNING product_id, on_hand, reserved`,
    [productId, onHand],
  );
  return rows[0] ? toStock(rows[0]) : null;
}

/** Applies a per-line multiple of each quantity to on-hand and reserved, in one statement. */
export async function adjustStock(tx: Tx, lines: Line[], onHand: number, reserved: number): Promise<void> {
  await tx.query(
    `UPDATE inventory.stock s SET on_hand = s.on_hand + $3 * l.q, reserved = s.reserved + $4 * l.q, updated_at = now()
     FROM unnest($1::uuid[], $2::int[]) AS l(p, q) WHERE s.product_id = l.p`,
    [lines.map((l) => l.productId), lines.map((l) => l.quantity), onHand, reserved],
  );
}

export async function findReservation(tx: Tx, orderId: string): Promise<{ status: ReservationStatus; lines: Line[] } | null> {
  const rows = await tx.query<{ status: ReservationStatus; lines: Line[] }>(
    'SELECT status, lines FROM inventory.reservations WHERE order_id = $1 FOR UPDATE',
    [orderId],
  );
  return rows[0] ?? null;
}

export async function insertReservation(tx: Tx, orderId: string, status: ReservationStatus, lines: Line[]): Promise<void> {
  await tx.query('INSERT INTO inventory.reservations (order_id, status, lines) VALUES ($1, $2, $3)', [
    orderId,
    status,
    JSON.stringify(lines),
  ]);
}

export async function setReservationStatus(tx: Tx, orderId: string, status: ReservationStatus): Promise<void> {
  await tx.query('UPDATE inventory.reservations SET status = $2, updated_at = now() WHERE order_id = $1', [orderId, status]);
}

/** Totals that the conservation and no-oversell checks read. */
export async function stockTotals(db: Queryable): Promise<{ onHand: number; reserved: number; openReservations: number }> {
  const rows = await db.query<{ on_hand: number; reserved: number; open: number }>(
    `SELECT coalesce(sum(on_hand), 0)::bigint AS on_hand, coalesce(sum(reserved), 0)::bigint AS reserved,
       (SELECT count(*) FROM inventory.reservations WHERE status = 'RESERVED')::int AS open FROM inventory.stock`,
  );
  return { onHand: rows[0]!.on_hand, reserved: rows[0]!.reserved, openReservations: rows[0]!.open };
}
