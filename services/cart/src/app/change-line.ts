import type { Cart } from '@mercato/contracts';
import { notFound } from '@mercato/kernel';
import type { CartLine } from '../domain/cart-lines.ts';
import { assertSameCurrency } from '../domain/priced-cart.ts';
import type { CartOwner } from '../store/cart-store.ts';
import { pricedCart, type Carts } from './carts.ts';

/** Checks the product exists (404) and fits the cart's currency (422 mixed_currency), then applies the change. */
export async function changeLine(
  carts: Carts,
  owner: CartOwner,
  productId: string,
  change: (lines: CartLine[]) => CartLine[],
): Promise<Cart> {
  const current = await carts.store.read(owner);
  const products = await carts.lookup.products([...new Set([...current.map((l) => l.productId), productId])]);
  const product = products.get(productId);
  if (!product) throw notFound('Product');
  assertSameCurrency(current, products, product);
  return pricedCart(carts, owner, await carts.store.update(owner, change));
}
