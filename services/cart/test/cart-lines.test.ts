import type { Product } from '@mercato/contracts';
import { type AppError } from '@mercato/kernel';
import { describe, expect, it } from 'vitest';
import { addToLines, mergeLines, removeFromLines, setInLines, type CartLine } from '../src/domain/cart-lines.ts';
import { assertSameCurrency, priceCart } from '../src/domain/priced-cart.ts';

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const lines = (n: number): CartLine[] => Array.from({ length: n }, (_, i) => ({ productId: id(i + 1), quantity: 1 }));
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return null;
};

const product = (n: number, priceCents: number, currency = 'EUR'): Product => ({
  id: id(n),
  sku: `SKU-${n}`,
  name: `Product ${n}`,
  description: '',
  priceCents,
  currency,
  category: 'test',
  attributes: {},
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

describe('cart lines', () => {
  it('adds to an existing line and appends new ones in order', () => {
    let cart = addToLines([], id(1), 2);
    cart = addToLines(cart, id(2), 1);
    cart = addToLines(cart, id(1), 3);
    expect(cart).toEqual([
      { productId: id(1), quantity: 5 },
      { productId: id(2), quantity: 1 },
    ]);
  });

  it('refuses a 51st product and more than 1000 of one', () => {
    expect(code(() => addToLines(lines(50), id(51), 1))).toBe('cart_full');
    expect(code(() => setInLines(lines(50), id(51), 1))).toBe('cart_full');
    expect(addToLines(lines(50), id(50), 1)).toHaveLength(50);
    expect(code(() => addToLines([{ productId: id(1), quantity: 999 }], id(1), 2))).toBe('quantity_limit');
    expect(addToLines([{ productId: id(1), quantity: 999 }], id(1), 1)).toEqual([{ productId: id(1), quantity: 1000 }]);
  });

  it('sets a quantity, 0 removing the line', () => {
    const cart = lines(3);
    expect(setInLines(cart, id(2), 7)[1]).toEqual({ productId: id(2), quantity: 7 });
    expect(setInLines(cart, id(2), 0).map((l) => l.productId)).toEqual([id(1), id(3)]);
    expect(setInLines(cart, id(9), 0)).toEqual(cart);
    expect(removeFromLines(cart, [id(1), id(3)])).toEqual([{ productId: id(2), quantity: 1 }]);
  });

  it('merges an anonymous cart: quantities add up to the cap, new lines join while there is room', () => {
    const mine = [
      { productId: id(1), quantity: 990 },
      { productId: id(2), quantity: 1 },
    ];
    const theirs = [
      { productId: id(1), quantity: 20 },
      { productId: id(3), quantity: 4 },
    ];
    expect(mergeLines(mine, theirs)).toEqual([
      { productId: id(1), quantity: 1000 },
      { productId: id(2), quantity: 1 },
      { productId: id(3), quantity: 4 },
    ]);
    expect(
      mergeLines(lines(49), [
        { productId: id(60), quantity: 1 },
        { productId: id(61), quantity: 1 },
      ]),
    ).toHaveLength(50);
    expect(mergeLines([], theirs)).toEqual(theirs);
  });
});

describe('priced cart', () => {
  it('prices lines from the catalog, drops products it no longer has, and totals them', () => {
    const products = new Map([product(1, 1250), product(2, 399)].map((p) => [p.id, p]));
    const cart = priceCart(
      id(100),
      [
        { productId: id(1), quantity: 2 },
        { productId: id(9), quantity: 1 },
        { productId: id(2), quantity: 3 },
      ],
      products,
      new Map([[id(1), 4]]),
    );
    expect(cart).toEqual({
      id: id(100),
      items: [
        {
          productId: id(1),
          sku: 'SKU-1',
          name: 'Product 1',
          unitPriceCents: 1250,
          currency: 'EUR',
          quantity: 2,
          lineTotalCents: 2500,
          available: 4,
        },
        {
          productId: id(2),
          sku: 'SKU-2',
          name: 'Product 2',
          unitPriceCents: 399,
          currency: 'EUR',
          quantity: 3,
          lineTotalCents: 1197,
          available: 0,
        },
      ],
      itemCount: 5,
      totalCents: 3697,
      currency: 'EUR',
    });
    expect(priceCart(id(100), [], new Map(), new Map())).toEqual({ id: id(100), items: [], itemCount: 0, totalCents: 0, currency: null });
  });

  it('refuses a product priced in another currency than the cart', () => {
    const products = new Map([product(1, 100, 'EUR'), product(2, 100, 'USD')].map((p) => [p.id, p]));
    expect(code(() => assertSameCurrency([{ productId: id(1), quantity: 1 }], products, products.get(id(2))!))).toBe('mixed_currency');
    expect(code(() => assertSameCurrency([{ productId: id(2), quantity: 1 }], products, products.get(id(2))!))).toBeNull();
    expect(code(() => assertSameCurrency([], products, products.get(id(2))!))).toBeNull();
  });
});
