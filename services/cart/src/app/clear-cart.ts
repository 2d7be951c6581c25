import type { CartOwner } from '../store/cart-store.ts';
import type { Carts } from './carts.ts';

export async function clearCart(carts: Carts, owner: CartOwner): Promise<void> {
  await carts.store.clear(owner);
}
