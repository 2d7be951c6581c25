/**
 * Reservation rules, without I/O. A reservation holds every line of an order or none; how its status
 * moves is the table in reservation-machine.ts.
 */

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

/** What a reservation's step does to stock: each line's quantity times these, added to on-hand and reserved. */
export interface StockChange {
  onHand: number;
  reserved: number;
}

/** Setting on-hand below what is promised to open orders would oversell them. */
export function canSetOnHand(onHand: number, reserved: number): boolean {
  return Number.isInteger(onHand) && onHand >= reserved;
}
