import { z } from 'zod';
import { uuid } from './common.ts';

/**
 * How many products a wishlist holds: as many as the catalog answers about in one call
 * (`GET /api/products?ids=` takes at most 100), so reading a wishlist is always one call.
 */
export const WISHLIST_MAX_ITEMS = 100;

export const wishlistItemParams = z.object({ productId: uuid });

/** A saved product with its name and price as the catalog has them now. */
export const wishlistItem = z.object({
  productId: uuid,
  sku: z.string(),
  name: z.string(),
  priceCents: z.number().int(),
  currency: z.string(),
  addedAt: z.string(),
});
export type WishlistItem = z.infer<typeof wishlistItem>;

/** Newest first; products the catalog no longer has are left out. */
export const wishlist = z.object({ items: z.array(wishlistItem) });
export type Wishlist = z.infer<typeof wishlist>;
