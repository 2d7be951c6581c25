import { multiply, sum, unprocessable } from '@mercato/kernel';

export interface CatalogPrice {
  id: string;
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
}

export interface PricedLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface Pricing {
  lines: PricedLine[];
  totalCents: number;
  currency: string;
  /** Products the catalog does not know (or has deleted): such an order is rejected, not charged. */
  unknownProductIds: string[];
}

/** ISO 4217's code for "no currency", for an order none of whose products exist. */
const NO_CURRENCY = 'XXX';

/**
 * Prices an order from the catalog's current prices, never from the client's. Every line of
 * one order must share a currency; there is no silent conversion.
 */
export function priceOrder(items: Array<{ productId: string; quantity: number }>, catalog: CatalogPrice[]): Pricing {
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const known = items.flatMap((i) => (byId.has(i.productId) ? [byId.get(i.productId)!] : []));
  const currencies = [...new Set(known.map((p) => p.currency))];
  if (currencies.length > 1) {
    throw unprocessable('mixed_currency', `The products are priced in different currencies (${currencies.join(', ')})`);
  }
  const currency = currencies[0] ?? NO_CURRENCY;
  const lines = items.map((i): PricedLine => {
    const p = byId.get(i.productId);
    if (!p) return { productId: i.productId, sku: '', name: 'Unknown product', quantity: i.quantity, unitPriceCents: 0, lineTotalCents: 0 };
    const lineTotal = multiply({ amountCents: p.priceCents, currency }, i.quantity);
    return { productId: p.id, sku: p.sku, name: p.name, quantity: i.quantity, unitPriceCents: p.priceCents, lineTotalCents: lineTotal.amountCents };
  });
  const unknownProductIds = items.filter((i) => !byId.has(i.productId)).map((i) => i.productId);
  const total = unknownProductIds.length ? 0 : sum(lines.map((l) => ({ amountCents: l.lineTotalCents, currency })), currency).amountCents;
  return { lines, totalCents: total, currency, unknownProductIds };
}
