import { describe, expect, it } from 'vitest';
import { priceOrder } from '../src/domain/pricing.ts';

const a = { id: '0190a000-0000-7000-8000-000000000001', sku: 'A', name: 'A', priceCents: 1999, currency: 'EUR' };
const b = { id: '0190a000-0000-7000-8000-000000000002', sku: 'B', name: 'B', priceCents: 250, currency: 'EUR' };

describe('pricing', () => {
  it('prices lines from the catalog in integer cents', () => {
    const p = priceOrder([{ productId: a.id, quantity: 3 }, { productId: b.id, quantity: 2 }], [a, b]);
    expect(p.unknownProductIds).toEqual([]);
    expect(p.lines.map((l) => l.lineTotalCents)).toEqual([5997, 500]);
    expect(p.totalCents).toBe(6497);
    expect(p.currency).toBe('EUR');
  });

  it('reports unknown products and charges nothing for such an order', () => {
    const missing = '0190a000-0000-7000-8000-00000000000f';
    const p = priceOrder([{ productId: a.id, quantity: 1 }, { productId: missing, quantity: 1 }], [a]);
    expect(p.unknownProductIds).toEqual([missing]);
    expect(p.totalCents).toBe(0);
  });

  it('refuses to add prices of different currencies', () => {
    expect(() => priceOrder([{ productId: a.id, quantity: 1 }, { productId: b.id, quantity: 1 }], [a, { ...b, currency: 'USD' }])).toThrow(
      /different currencies/,
    );
  });
});
