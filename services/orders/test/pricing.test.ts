import { describe, expect, it } from 'vitest';
import { applyDiscount, priceOrder, taxOf } from '../src/domain/pricing.ts';
import { includedTax, parseTaxRates, STANDARD_VAT_RATES, taxRateFor } from '../src/domain/tax.ts';

const a = { id: '0190a000-0000-7000-8000-000000000001', sku: 'A', name: 'A', priceCents: 1999, currency: 'EUR' };
const b = { id: '0190a000-0000-7000-8000-000000000002', sku: 'B', name: 'B', priceCents: 250, currency: 'EUR' };

describe('pricing', () => {
  it('prices lines from the catalog in integer cents', () => {
    const p = priceOrder(
      [
        { productId: a.id, quantity: 3 },
        { productId: b.id, quantity: 2 },
      ],
      [a, b],
    );
    expect(p.unknownProductIds).toEqual([]);
    expect(p.lines.map((l) => l.lineTotalCents)).toEqual([5997, 500]);
    expect(p.totalCents).toBe(6497);
    expect(p.currency).toBe('EUR');
  });

  it('reports unknown products and charges nothing for such an order', () => {
    const missing = '0190a000-0000-7000-8000-00000000000f';
    const p = priceOrder(
      [
        { productId: a.id, quantity: 1 },
        { productId: missing, quantity: 1 },
      ],
      [a],
    );
    expect(p.unknownProductIds).toEqual([missing]);
    expect(p.totalCents).toBe(0);
  });

  it('refuses to add prices of different currencies', () => {
    expect(() =>
      priceOrder(
        [
          { productId: a.id, quantity: 1 },
          { productId: b.id, quantity: 1 },
        ],
        [a, { ...b, currency: 'USD' }],
      ),
    ).toThrow(/different currencies/);
  });

  it('shares a discount among the lines in proportion to their totals, never beyond the subtotal', () => {
    const priced = priceOrder(
      [
        { productId: a.id, quantity: 3 },
        { productId: b.id, quantity: 2 },
      ],
      [a, b],
    );
    const discounted = applyDiscount(priced, 650);
    expect(discounted).toMatchObject({ subtotalCents: 6497, totalCents: 5847 });
    expect(discounted.lines.map((l) => l.discountCents)).toEqual([600, 50]);
    expect(applyDiscount(priced, 10_000).totalCents).toBe(0);
  });
});

describe('tax', () => {
  it('finds the VAT included in a total at the destination’s rate', () => {
    expect(includedTax(12_000, 20)).toBe(2000);
    expect(includedTax(999, 19)).toBe(160);
    expect(includedTax(999, 0)).toBe(0);
    expect(taxOf({ totalCents: 5847 }, taxRateFor('DE', STANDARD_VAT_RATES))).toEqual({ taxRatePercent: 19, taxCents: 934 });
    expect(taxRateFor('US', STANDARD_VAT_RATES)).toBe(0);
  });

  it('reads TAX_RATES and refuses an entry it cannot read', () => {
    expect(parseTaxRates('US=0, CH=8.1,GB=5')).toEqual({ US: 0, CH: 8.1, GB: 5 });
    expect(parseTaxRates('')).toEqual({});
    expect(() => parseTaxRates('gb=20')).toThrow(/COUNTRY=percent/);
    expect(() => parseTaxRates('GB=200')).toThrow();
  });
});
