import { product, stockLevel, type Product } from '@mercato/contracts';
import type { ServiceClient } from '@mercato/kernel';
import { z } from 'zod';

const products = z.object({ items: z.array(product) });
const stockLevels = z.object({ items: z.array(stockLevel) });

/** Live product facts from the services that own them: the cart never copies a price or a stock level. */
export interface ProductLookup {
  /** The products the catalog still has, by id (deleted ones are absent). */
  products(ids: string[]): Promise<Map<string, Product>>;
  /** Units available to order, by product id. */
  available(ids: string[]): Promise<Map<string, number>>;
}

export function productLookup(clients: Readonly<Record<'catalog' | 'inventory', ServiceClient>>): ProductLookup {
  return {
    async products(ids) {
      if (!ids.length) return new Map();
      const page = await clients.catalog.call(products, {
        method: 'GET',
        path: '/api/products',
        query: { ids: ids.join(','), pageSize: '100' },
      });
      return new Map(page.items.map((p) => [p.id, p]));
    },
    async available(ids) {
      if (!ids.length) return new Map();
      const stock = await clients.inventory.call(stockLevels, {
        method: 'GET',
        path: '/api/inventory',
        query: { productIds: ids.join(',') },
      });
      return new Map(stock.items.map((s) => [s.productId, s.available]));
    },
  };
}
