import type { Product, Wishlist, WishlistItem } from '@mercato/contracts';

/** What a wishlist stores: which product and since when. Names and prices are the catalog's, read on every view. */
export interface SavedItem {
  productId: string;
  addedAt: string;
}

export type Addition = { kind: 'present'; item: SavedItem } | { kind: 'full' } | { kind: 'add' };

/** Adding a product: a saved one stays as it is (the same addedAt), a new one needs room. */
export function planAddition(saved: readonly SavedItem[], productId: string, max: number): Addition {
  const item = saved.find((s) => s.productId === productId);
  if (item) return { kind: 'present', item };
  return saved.length >= max ? { kind: 'full' } : { kind: 'add' };
}

export const itemView = (saved: SavedItem, p: Product): WishlistItem => ({
  productId: p.id,
  sku: p.sku,
  name: p.name,
  priceCents: p.priceCents,
  currency: p.currency,
  addedAt: saved.addedAt,
});

/** The wishlist as the shopper sees it, in the order saved; products the catalog no longer has are left out. */
export function wishlistView(saved: readonly SavedItem[], products: ReadonlyMap<string, Product>): Wishlist {
  return {
    items: saved.flatMap((s) => {
      const p = products.get(s.productId);
      return p ? [itemView(s, p)] : [];
    }),
  };
}
