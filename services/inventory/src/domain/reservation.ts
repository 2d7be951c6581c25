/**
 * Reservation rules, without I/O. A reservation holds every line of an order or none;
 * its status only moves forward, so a late or repeated event cannot undo a decision.
 */
export type ReservationStatus = 'RESERVED' | 'REJECTED' | 'COMMITTED' | 'RELEASED' | 'RESTOCKED';

export interface Line {
  productId: string;
  quantity: number;
}

export interface Stock {
  productId: string;
  onHand: number;
  reserved: number;
}

export const available = (s: Stock) => s.onHand - s.reserved;

export type ReservePlan = { ok: true } | { ok: false; reason: 'insufficient_stock'; productIds: string[] };

/** All or nothing: the order fits only if every line fits in what is available now. */
export function planReservation(lines: Line[], stock: Stock[]): ReservePlan {
  const byId = new Map(stock.map((s) => [s.productId, s]));
  const short = lines.filter((l) => {
    const s = byId.get(l.productId);
    return !s || available(s) < l.quantity;
  });
  return short.length ? { ok: false, reason: 'insufficient_stock', productIds: short.map((l) => l.productId) } : { ok: true };
}

/**
 * What an order outcome does to its reservation, as the change to apply to each line's stock.
 * `null` means nothing to do (already settled, or never reserved).
 */
export type StockEffect = { status: ReservationStatus; onHand: -1 | 0 | 1; reserved: -1 | 0 };

export function onOrderConfirmed(status: ReservationStatus | null): StockEffect | null {
  return status === 'RESERVED' ? { status: 'COMMITTED', onHand: -1, reserved: -1 } : null;
}

export function onOrderCancelled(status: ReservationStatus | null): StockEffect | null {
  if (status === 'RESERVED') return { status: 'RELEASED', onHand: 0, reserved: -1 };
  if (status === 'COMMITTED') return { status: 'RESTOCKED', onHand: 1, reserved: 0 };
  return null;
}

/** Setting on-hand below what is promised to open orders would oversell them. */
export function canSetOnHand(onHand: number, reserved: number): boolean {
  return Number.isInteger(onHand) && onHand >= reserved;
}
