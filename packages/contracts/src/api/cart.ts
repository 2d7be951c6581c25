import { z } from 'zod';
import { uuid } from './common.ts';

export const CART_MAX_LINES = 50;
export const CART_MAX_QUANTITY = 1000;

/**
 * An anonymous visitor's cart is named by an id the browser generates and keeps; a signed-in
 * caller's cart is found from the bearer token and the header is ignored.
 */
export const cartHeaders = z.object({ 'x-cart-id': uuid.optional() });

export const cartItemParams = z.object({ productId: uuid });

export const addCartItemInput = z.object({
  productId: uuid,
  quantity: z.number().int().min(1).max(CART_MAX_QUANTITY),
});

/** 0 removes the line. */
export const setCartItemInput = z.object({ quantity: z.number().int().min(0).max(CART_MAX_QUANTITY) });

export const mergeCartInput = z.object({ cartId: uuid });

/** A cart line as shown: price, name and stock are the catalog's and inventory's at the time of reading. */
export const cartLine = z.object({
  productId: uuid,
  sku: z.string(),
  name: z.string(),
  unitPriceCents: z.number().int(),
  currency: z.string(),
  quantity: z.number().int(),
  lineTotalCents: z.number().int(),
  /** Units in stock that are not reserved for open orders. */
  available: z.number().int(),
});

export const cart = z.object({
  /** The X-Cart-Id of an anonymous cart, the user's id for a signed-in one. */
  id: uuid,
  items: z.array(cartLine),
  /** The sum of the quantities. */
  itemCount: z.number().int(),
  /** The sum of the line totals in the cart's currency. */
  totalCents: z.number().int(),
  /** The currency of the first line; null for an empty cart. */
  currency: z.string().nullable(),
});
export type Cart = z.infer<typeof cart>;
export type CartLineView = z.infer<typeof cartLine>;
