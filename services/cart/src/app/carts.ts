import type { Cart } from '@mercato/contracts';
import type { ProductLookup } from '../clients/product-lookup.ts';
import { removeFromLines, type CartLine } from '../domain/cart-lines.ts';
import { priceCart } from '../domain/priced-cart.ts';
import { cartIdOf, type CartOwner, type CartStore } from '../store/cart-store.ts';

/** What every cart command works with: the carts themselves, and the catalog's and inventory's facts about products. */
export interface Carts {
  store: CartStore;
  lookup: ProductLookup;
}

/** Prices the lines as they are now; products the catalog has deleted are dropped from the stored cart too. */
export async function pricedCart({ store, lookup }: Carts, owner: CartOwner, lines: CartLine[]): Promise<Cart> {
  const ids = lines.map((l) => l.productId);
  const [products, available] = await Promise.all([lookup.products(ids), lookup.available(ids)]);
  const deleted = ids.filter((id) => !products.has(id));
  // Removes only those ids, so a line another request adds meanwhile is kept.
  if (deleted.length) await store.update(owner, (current) => removeFromLines(current, deleted));
  return priceCart(cartIdOf(owner), lines, products, available);
}

/** The cart, priced from the catalog now. */
export async function viewCart(carts: Carts, owner: CartOwner): Promise<Cart> {
  return pricedCart(carts, owner, await carts.store.read(owner));
}
