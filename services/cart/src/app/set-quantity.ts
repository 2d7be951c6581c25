import type { Cart } from '@mercato/contracts';
import { setInLines, type CartLine } from '../domain/cart-lines.ts';
import type { CartOwner } from '../store/cart-store.ts';
import { changeLine } from './change-line.ts';
import { pricedCart, type Carts } from './carts.ts';

/** Sets the quantity of a product; 0 removes it. */
export async function setQuantity(carts: Carts, owner: CartOwner, productId: string, quantity: number): Promise<Cart> {
  const set = (lines: CartLine[]) => setInLines(lines, productId, quantity);
  // Removing needs no catalog check: a deleted product must stay removable.
  return quantity === 0 ? pricedCart(carts, owner, await carts.store.update(owner, set)) : changeLine(carts, owner, productId, set);
}
