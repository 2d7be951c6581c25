import type { EventSchemas, ProductInput } from '@mercato/contracts';
import { conflict, newId, type ServiceContext } from '@mercato/kernel';
import { insertProduct, type StoredProduct } from '../db/products-repo.ts';
import { productEvent } from '../domain/product.ts';

/** A new product and its product.created event; 409 duplicate_sku when a live product has its sku. */
export async function createProduct(ctx: ServiceContext<EventSchemas>, input: ProductInput): Promise<StoredProduct> {
  return ctx.db.transaction(async (tx) => {
    const p = await insertProduct(tx, newId(), input);
    if (!p) throw conflict('duplicate_sku', `A product with sku ${input.sku} already exists`);
    ctx.outbox.emit(tx, 'product.created', p.id, productEvent(p));
    return p;
  });
}
