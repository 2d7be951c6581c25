import type { EventSchemas, ProductInput } from '@mercato/contracts';
import { conflict, notFound, type ServiceContext } from '@mercato/kernel';
import { findProduct, saveProduct, skuTaken, type StoredProduct } from '../db/products-repo.ts';
import { patched, productEvent } from '../domain/product.ts';

/** Changes the fields given and emits product.updated; 409 duplicate_sku for another live product's sku. */
export async function updateProduct(ctx: ServiceContext<EventSchemas>, id: string, patch: Partial<ProductInput>): Promise<StoredProduct> {
  return ctx.db.transaction(async (tx) => {
    const current = await findProduct(tx, id, true);
    if (!current) throw notFound('Product');
    const next = patched(current, patch);
    if (patch.sku && (await skuTaken(tx, patch.sku, current.id))) {
      throw conflict('duplicate_sku', `A product with sku ${patch.sku} already exists`);
    }
    const p = await saveProduct(tx, next);
    ctx.outbox.emit(tx, 'product.updated', p.id, productEvent(p));
    return p;
  });
}
