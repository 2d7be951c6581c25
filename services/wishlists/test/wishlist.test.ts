import type { Product } from '@mercato/contracts';
import { describe, expect, it } from 'vitest';
import { planAddition, wishlistView, type SavedItem } from '../src/domain/wishlist.ts';

const saved = (productId: string, addedAt = '2026-01-01T00:00:00.000Z'): SavedItem => ({ productId, addedAt });
const product = (id: string, priceCents = 1000): Product => ({
  id,
  sku: `SKU-${id}`,
  name: `Product ${id}`,
  description: '',
  priceCents,
  currency: 'EUR',
  category: 'test',
  attributes: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('adding to a wishlist', () => {
  it('adds a new product while there is room', () => {
    expect(planAddition([], 'a', 2)).toEqual({ kind: 'add' });
    expect(planAddition([saved('a')], 'b', 2)).toEqual({ kind: 'add' });
  });

  it('keeps a product saved already as it is, full or not', () => {
    const a = saved('a', '2026-02-03T04:05:06.000Z');
    expect(planAddition([a], 'a', 2)).toEqual({ kind: 'present', item: a });
    expect(planAddition([saved('b'), a], 'a', 2)).toEqual({ kind: 'present', item: a });
  });

  it('refuses a new product once the wishlist is full', () => {
    expect(planAddition([saved('a'), saved('b')], 'c', 2)).toEqual({ kind: 'full' });
  });
});

describe('the wishlist as shown', () => {
  it('keeps the saved order, with names and prices as the catalog has them now', () => {
    const view = wishlistView(
      [saved('b', '2026-01-02T00:00:00.000Z'), saved('a')],
      new Map([
        ['a', product('a', 500)],
        ['b', product('b', 1999)],
      ]),
    );
    expect(view.items).toEqual([
      { productId: 'b', sku: 'SKU-b', name: 'Product b', priceCents: 1999, currency: 'EUR', addedAt: '2026-01-02T00:00:00.000Z' },
      { productId: 'a', sku: 'SKU-a', name: 'Product a', priceCents: 500, currency: 'EUR', addedAt: '2026-01-01T00:00:00.000Z' },
    ]);
  });

  it('leaves out products the catalog no longer has', () => {
    expect(wishlistView([saved('gone'), saved('a')], new Map([['a', product('a')]])).items.map((i) => i.productId)).toEqual(['a']);
    expect(wishlistView([], new Map())).toEqual({ items: [] });
  });
});
