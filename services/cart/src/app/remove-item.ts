import type { Cart } from '@mercato/contracts';
import { removeFromLines } from '../domain/cart-lines.ts';
import type { CartOwner } from '../store/cart-store.ts';
import { pricedCart, type Carts } from './carts.ts';

export async function removeItem(carts: Carts, owner: CartOwner, productId: string): Promise<Cart> {
  return pricedCart(carts, owner, await carts.store.update(owner, (lines) => removeFromLines(lines, [productId])));
}
