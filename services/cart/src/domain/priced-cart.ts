import type { Cart, CartLineView, Product } from '@mercato/contracts';
import { multiply, unprocessable } from '@mercato/kernel';
import type { CartLine } from './cart-lines.ts';

/**
 * The cart as the shopper sees it, priced from the catalog as it is now. Lines whose product the
 * catalog no longer has are left out; the total is in the currency of the first line.
 */
export function priceCart(id: string, lines: CartLine[], products: Map<string, Product>, available: Map<string, number>): Cart {
  const items = lines.flatMap((l): CartLineView[] => {
    const p = products.get(l.productId);
    if (!p) return [];
    return [
      {
        productId: p.id,
        sku: p.sku,
        name: p.name,
        unitPriceCents: p.priceCents,
        currency: p.currency,
        quantity: l.quantity,
        lineTotalCents: multiply({ amountCents: p.priceCents, currency: p.currency }, l.quantity).amountCents,
        available: available.get(p.id) ?? 0,
      },
    ];
  });
  const currency = items[0]?.currency ?? null;
  return {
    id,
    items,
    itemCount: items.reduce((n, i) => n + i.quantity, 0),
    totalCents: items.filter((i) => i.currency === currency).reduce((n, i) => n + i.lineTotalCents, 0),
    currency,
  };
}

/** An order is paid in one currency, so a cart is too: a product priced in another is refused up front. */
export function assertSameCurrency(lines: CartLine[], products: Map<string, Product>, adding: Product): void {
  const other = lines.map((l) => products.get(l.productId)).find((p) => p && p.id !== adding.id && p.currency !== adding.currency);
  if (other) {
    throw unprocessable('mixed_currency', `This cart is priced in ${other.currency} and ${adding.name} in ${adding.currency}`);
  }
}
