import { allocate, multiply, sum, unprocessable } from '@mercato/kernel';
import { includedTax } from './tax.ts';

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
  /** This line's share of the order's discount. */
  discountCents: number;
}

export interface Pricing {
  lines: PricedLine[];
  /** The lines' total, before any discount. */
  subtotalCents: number;
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
    if (!p)
      return {
        productId: i.productId,
        sku: '',
        name: 'Unknown product',
        quantity: i.quantity,
        unitPriceCents: 0,
        lineTotalCents: 0,
        discountCents: 0,
      };
    const lineTotal = multiply({ amountCents: p.priceCents, currency }, i.quantity);
    return {
      productId: p.id,
      sku: p.sku,
      name: p.name,
      quantity: i.quantity,
      unitPriceCents: p.priceCents,
      lineTotalCents: lineTotal.amountCents,
      discountCents: 0,
    };
  });
  const unknownProductIds = items.filter((i) => !byId.has(i.productId)).map((i) => i.productId);
  const total = unknownProductIds.length
    ? 0
    : sum(
        lines.map((l) => ({ amountCents: l.lineTotalCents, currency })),
        currency,
      ).amountCents;
  return { lines, subtotalCents: total, totalCents: total, currency, unknownProductIds };
}

/**
 * Takes a discount off a priced order, shared among its lines in proportion to their totals so
 * that a returned item refunds what was really paid for it. Never more than the subtotal.
 */
export function applyDiscount(pricing: Pricing, discountCents: number): Pricing {
  const discount = Math.min(discountCents, pricing.subtotalCents);
  const shares = allocate(
    discount,
    pricing.lines.map((l) => l.lineTotalCents),
  );
  return {
    ...pricing,
    lines: pricing.lines.map((l, i) => ({ ...l, discountCents: shares[i] })),
    totalCents: pricing.subtotalCents - discount,
  };
}

/** The VAT included in the order's total at its destination's rate. */
export const taxOf = (pricing: Pick<Pricing, 'totalCents'>, ratePercent: number) => ({
  taxRatePercent: ratePercent,
  taxCents: includedTax(pricing.totalCents, ratePercent),
});
