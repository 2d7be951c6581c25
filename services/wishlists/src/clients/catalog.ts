import { product, WISHLIST_MAX_ITEMS, type Product } from '@mercato/contracts';
import type { ServiceClient } from '@mercato/kernel';
import { z } from 'zod';

const products = z.object({ items: z.array(product) });

/**
 * The products the catalog still has, by id (deleted and unknown ones are absent), in one call: a
 * wishlist never holds more than one call's worth.
 */
export function catalogProducts(clients: Readonly<Record<'catalog', ServiceClient>>) {
  return async (ids: readonly string[]): Promise<Map<string, Product>> => {
    if (!ids.length) return new Map();
    if (ids.length > WISHLIST_MAX_ITEMS) throw new Error(`at most ${WISHLIST_MAX_ITEMS} products are looked up at once, not ${ids.length}`);
    const page = await clients.catalog.call(products, {
      method: 'GET',
      path: '/api/products',
      query: { ids: ids.join(','), pageSize: String(WISHLIST_MAX_ITEMS) },
    });
    return new Map(page.items.map((p) => [p.id, p]));
  };
}
