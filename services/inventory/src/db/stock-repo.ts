import type { Queryable, Tx } from '@mercato/kernel';
import type { ReservationStatus } from '../domain/reservation-machine.ts';
import type { Line, Stock, StockChange } from '../domain/reservation.ts';

interface StockRow {
  product_id: string;
  on_hand: number;
  reserved: number;
}

const toStock = (r: StockRow): Stock => ({ productId: r.product_id, onHand: r.on_hand, reserved: r.reserved });

export async function getStock(db: Queryable, productIds: string[]): Promise<Stock[]> {
  const rows = await db.query<StockRow>('SELECT product_id, on_hand, reserved FROM inventory.stock WHERE product_id = ANY($1::uuid[])', [
    productIds,
  ]);
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
    `SELECT product_id, on_hand, reserved FROM inventory.stock
     WHERE on_hand - reserved <= $1 ORDER BY on_hand - reserved, product_id LIMIT $2`,
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

const NO_CHANGE: StockChange = { onHand: 0, reserved: 0 };

/** The UPDATE of the lines' stock rows, its four parameters from `$first` on (see `changeParams`). */
const changeStock = (first: number) =>
  `UPDATE inventory.stock s SET on_hand = s.on_hand + $${first + 2} * l.q, reserved = s.reserved + $${first + 3} * l.q, updated_at = now()
       FROM unnest($${first}::uuid[], $${first + 1}::int[]) AS l(p, q) WHERE s.product_id = l.p`;
/** In product-id order, the order lockStock locks in, so that two orders' stock changes do not deadlock. */
function changeParams(lines: Line[], change: StockChange) {
  const sorted = [...lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  return [sorted.map((l) => l.productId), sorted.map((l) => l.quantity), change.onHand, change.reserved];
}

export async function findReservation(tx: Tx, orderId: string): Promise<{ status: ReservationStatus; lines: Line[] } | null> {
  const rows = await tx.query<{ status: ReservationStatus; lines: Line[] }>(
    'SELECT status, lines FROM inventory.reservations WHERE order_id = $1 FOR UPDATE',
    [orderId],
  );
  return rows[0] ?? null;
}

/**
 * Records an order's reservation and changes stock by it, in one statement, unless the order already
 * has one (say, the tombstone of an outcome that overtook its placement): false then, nothing changed.
 */
export async function insertReservation(
  tx: Tx,
  orderId: string,
  status: ReservationStatus,
  lines: Line[],
  change = NO_CHANGE,
): Promise<boolean> {
  const rows = await tx.query<{ inserted: number }>(
    `WITH r AS (
       INSERT INTO inventory.reservations (order_id, status, lines) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING RETURNING order_id
     ), changed AS (
       ${changeStock(4)} AND EXISTS (SELECT 1 FROM r)
     )
     SELECT count(*)::int AS inserted FROM r`,
    [orderId, status, JSON.stringify(lines), ...changeParams(lines, change)],
  );
  return rows[0].inserted === 1;
}

/** Moves a locked reservation to its next status and changes stock by it, in one statement. */
export async function settleReservation(
  tx: Tx,
  orderId: string,
  status: ReservationStatus,
  lines: Line[],
  change: StockChange,
): Promise<void> {
  await tx.query(
    `WITH r AS (UPDATE inventory.reservations SET status = $2, updated_at = now() WHERE order_id = $1)
     ${changeStock(3)}`,
    [orderId, status, ...changeParams(lines, change)],
  );
}

/**
 * Puts a received return's items back on hand, in one statement, unless this return was restocked
 * already: false then, nothing changed.
 */
export async function insertRestock(tx: Tx, returnId: string, orderId: string, lines: Line[]): Promise<boolean> {
  const rows = await tx.query<{ inserted: number }>(
    `WITH r AS (
       INSERT INTO inventory.restocks (return_id, order_id, lines) VALUES ($1, $2, $3)
       ON CONFLICT (return_id) DO NOTHING RETURNING return_id
     ), changed AS (
       ${changeStock(4)} AND EXISTS (SELECT 1 FROM r)
     )
     SELECT count(*)::int AS inserted FROM r`,
    [returnId, orderId, JSON.stringify(lines), ...changeParams(lines, { onHand: 1, reserved: 0 })],
  );
  return rows[0].inserted === 1;
}

/** Totals that the conservation and no-oversell checks read. */
export async function stockTotals(db: Queryable): Promise<{ onHand: number; reserved: number; openReservations: number }> {
  const rows = await db.query<{ on_hand: number; reserved: number; open: number }>(
    `SELECT coalesce(sum(on_hand), 0)::bigint AS on_hand, coalesce(sum(reserved), 0)::bigint AS reserved,
       (SELECT count(*) FROM inventory.reservations WHERE status = 'RESERVED')::int AS open FROM inventory.stock`,
  );
  return { onHand: rows[0].on_hand, reserved: rows[0].reserved, openReservations: rows[0].open };
}
