import type { Cart } from '@mercato/contracts';
import { mergeLines } from '../domain/cart-lines.ts';
import type { CartOwner } from '../store/cart-store.ts';
import { pricedCart, viewCart, type Carts } from './carts.ts';

/**
 * Folds an anonymous cart into the user's at login and deletes it, so a second merge changes nothing.
 * Quantities of the same product add up, to at most the per-product cap.
 */
export async function mergeCarts(carts: Carts, userId: string, anonymousCartId: string): Promise<Cart> {
  const user: CartOwner = { kind: 'user', userId };
  const anonymous: CartOwner = { kind: 'anonymous', cartId: anonymousCartId };
  const incoming = await carts.store.read(anonymous);
  if (!incoming.length) return viewCart(carts, user);
  const lines = await carts.store.update(user, (current) => mergeLines(current, incoming));
  await carts.store.clear(anonymous);
  return pricedCart(carts, user, lines);
}
