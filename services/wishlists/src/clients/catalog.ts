import { WISHLIST_MAX_ITEMS, type Product } from '@mercato/contracts';
import type { ServiceClient } from '@mercato/kernel';

/**
 * The products the catalog still has, by id (deleted and unknown ones are absent), in one call: a
 * wishlist never holds more than one call's worth.
 */
export function catalogProducts(clients: Record<string, ServiceClient>) {
  return async (ids: readonly string[]): Promise<Map<string, Product>> => {
    if (!ids.length) return new Map();
    if (ids.length > WISHLIST_MAX_ITEMS) throw new Error(`at most ${WISHLIST_MAX_ITEMS} products are looked up at once, not ${ids.length}`);
    const page = await clients.catalog!.request<{ items: Product[] }>({
      method: 'GET',
      path: '/api/products',
      query: { ids: ids.join(','), pageSize: String(WISHLIST_MAX_ITEMS) },
    });
    return new Map(page.items.map((p) => [p.id, p]));
  };
}
