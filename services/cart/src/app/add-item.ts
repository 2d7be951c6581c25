import type { Cart } from '@mercato/contracts';
import { addToLines } from '../domain/cart-lines.ts';
import type { CartOwner } from '../store/cart-store.ts';
import { changeLine } from './change-line.ts';
import type { Carts } from './carts.ts';

/** Adds a product to the quantity already in the cart. */
export function addItem(carts: Carts, owner: CartOwner, productId: string, quantity: number): Promise<Cart> {
  return changeLine(carts, owner, productId, (lines) => addToLines(lines, productId, quantity));
}
