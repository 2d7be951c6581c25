import { CART_MAX_LINES, CART_MAX_QUANTITY } from '@mercato/contracts';
import { unprocessable } from '@mercato/kernel';

/** What a cart stores: which product and how many. Prices, names and stock are looked up on every read. */
export interface CartLine {
  productId: string;
  quantity: number;
}

const cartFull = () => unprocessable('cart_full', `A cart holds at most ${CART_MAX_LINES} different products`);

/** Adds to a line's quantity, or appends a new line. */
export function addToLines(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  const existing = lines.find((l) => l.productId === productId);
  if (!existing) {
    if (lines.length >= CART_MAX_LINES) throw cartFull();
    return [...lines, { productId, quantity }];
  }
  const total = existing.quantity + quantity;
  if (total > CART_MAX_QUANTITY) {
    throw unprocessable('quantity_limit', `At most ${CART_MAX_QUANTITY} of one product fit in a cart`, [
      {
        field: 'body.quantity',
        message: `the cart already holds ${existing.quantity}; at most ${CART_MAX_QUANTITY - existing.quantity} more`,
      },
    ]);
  }
  return lines.map((l) => (l === existing ? { productId, quantity: total } : l));
}

/** Sets a line's quantity (0 removes it); a product not yet in the cart is appended. */
export function setInLines(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  if (quantity === 0) return removeFromLines(lines, [productId]);
  if (!lines.some((l) => l.productId === productId)) {
    if (lines.length >= CART_MAX_LINES) throw cartFull();
    return [...lines, { productId, quantity }];
  }
  return lines.map((l) => (l.productId === productId ? { productId, quantity } : l));
}

export function removeFromLines(lines: CartLine[], productIds: Iterable<string>): CartLine[] {
  const gone = new Set(productIds);
  return lines.filter((l) => !gone.has(l.productId));
}

/**
 * Folds an anonymous cart into a user's at login: quantities of the same product add up to the
 * per-product cap, and new products join while the cart has room. The user's own lines come first.
 */
export function mergeLines(into: CartLine[], from: CartLine[]): CartLine[] {
  const merged = new Map(into.map((l) => [l.productId, l.quantity]));
  for (const { productId, quantity } of from) {
    const current = merged.get(productId);
    if (current !== undefined) merged.set(productId, Math.min(CART_MAX_QUANTITY, current + quantity));
    else if (merged.size < CART_MAX_LINES) merged.set(productId, Math.min(CART_MAX_QUANTITY, quantity));
  }
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}
