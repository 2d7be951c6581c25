import type { ProductInput } from '@mercato/contracts';
import type { StoredProduct } from '../db/products-repo.ts';

/** What product.created and product.updated tell: the facts orders, search and carts copy. */
export const productEvent = (p: StoredProduct) => ({
  productId: p.id,
  sku: p.sku,
  name: p.name,
  priceCents: p.priceCents,
  currency: p.currency,
});

/** The product with the fields the patch gives; a field left out keeps its value. */
export function patched(current: StoredProduct, patch: Partial<ProductInput>): StoredProduct {
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return { ...current, ...given };
}
