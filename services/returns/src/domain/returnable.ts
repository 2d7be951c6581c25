import type { Order } from '@mercato/contracts';
import { sum, type FieldError } from '@mercato/kernel';

export interface RequestedLine {
  productId: string;
  quantity: number;
}

export interface ReturnedLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  refundCents: number;
}

export type ReturnPlan =
  | { ok: true; lines: ReturnedLine[]; refundCents: number; currency: string }
  | { ok: false; code: 'order_not_returnable' | 'return_window_closed'; message: string }
  | { ok: false; code: 'quantity_not_returnable'; message: string; errors: FieldError[] };

/** When the order was delivered, from its history; null while it is not. */
export function deliveredAt(order: Pick<Order, 'status' | 'history'>): number | null {
  if (order.status !== 'DELIVERED') return null;
  const entry = [...order.history].reverse().find((h) => h.status === 'DELIVERED');
  return entry ? Date.parse(entry.at) : null;
}

/** What the order's other live returns claim of a product: how many, and how much of its price they refund. */
export interface Claimed {
  quantity: number;
  refundCents: number;
}

/**
 * Checks a return against the order: delivered, within the window, each product one of the
 * order's, and no more of it than was bought less what other returns already claim. The refund is
 * what was paid for the items: the line's total less its share of the order's discount, pro rata,
 * with the last items of a line refunding whatever of it is left, so that a line returned in
 * several parts refunds exactly what it cost.
 */
export function planReturn(
  order: Pick<Order, 'status' | 'history' | 'items' | 'currency'>,
  requested: readonly RequestedLine[],
  claimed: ReadonlyMap<string, Claimed>,
  now: number,
  windowMs: number,
): ReturnPlan {
  const delivered = deliveredAt(order);
  if (delivered === null)
    return {
      ok: false,
      code: 'order_not_returnable',
      message: `An order in status ${order.status} cannot be returned; only a delivered one can`,
    };
  if (now - delivered > windowMs) {
    const days = Math.round(windowMs / 86_400_000);
    return { ok: false, code: 'return_window_closed', message: `Items can be returned within ${days} days of delivery` };
  }
  const bought = new Map(order.items.map((l) => [l.productId, l]));
  const errors: FieldError[] = [];
  const lines: ReturnedLine[] = [];
  requested.forEach((r, i) => {
    const line = bought.get(r.productId);
    const before = claimed.get(r.productId) ?? { quantity: 0, refundCents: 0 };
    const left = (line?.quantity ?? 0) - before.quantity;
    if (!line) errors.push({ field: `body.items.${i}.productId`, message: 'is not part of this order' });
    else if (r.quantity > left)
      errors.push({ field: `body.items.${i}.quantity`, message: `at most ${left} of this item can still be returned` });
    else {
      const paid = line.lineTotalCents - line.discountCents;
      const refundCents = r.quantity === left ? paid - before.refundCents : Math.floor((paid * r.quantity) / line.quantity);
      lines.push({
        productId: line.productId,
        sku: line.sku,
        name: line.name,
        quantity: r.quantity,
        unitPriceCents: line.unitPriceCents,
        refundCents,
      });
    }
  });
  if (errors.length) return { ok: false, code: 'quantity_not_returnable', message: 'Some items cannot be returned', errors };
  const total = sum(
    lines.map((l) => ({ amountCents: l.refundCents, currency: order.currency })),
    order.currency,
  );
  return { ok: true, lines, refundCents: total.amountCents, currency: order.currency };
}
