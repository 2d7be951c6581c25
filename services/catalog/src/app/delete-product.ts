import type { EventSchemas } from '@mercato/contracts';
import { notFound, type ServiceContext } from '@mercato/kernel';
import { softDeleteProduct } from '../db/products-repo.ts';

/** Deletes a product (its row stays, out of sight) and emits product.deleted, which empties wishlists and carts of it. */
export async function deleteProduct(ctx: ServiceContext<EventSchemas>, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (!(await softDeleteProduct(tx, id))) throw notFound('Product');
    ctx.outbox.emit(tx, 'product.deleted', id, { productId: id });
  });
}
