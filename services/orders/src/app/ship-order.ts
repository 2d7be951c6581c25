import type { Order } from '@mercato/contracts';
import { conflict, notFound } from '@mercato/kernel';
import { findOrder } from '../db/orders-repo.ts';
import { advance } from './advance.ts';
import type { OrdersContext } from './context.ts';
import { publicOrder } from './order-view.ts';

/**
 * Hands a confirmed order to the carrier: from now on it can no longer be cancelled, and order.shipped
 * has shipping buy its label. Decided under the order's row lock, like a cancellation.
 */
export async function shipOrder(ctx: OrdersContext, orderId: string): Promise<Order> {
  return ctx.db.transaction(async (tx) => {
    const found = await findOrder(tx, orderId, true);
    if (!found) throw notFound('Order');
    const shipped = await advance(ctx, tx, found, { kind: 'ship' });
    if (!shipped) throw conflict('order_not_shippable', `An order in status ${found.status} cannot be shipped; only a CONFIRMED one can`);
    return publicOrder(shipped);
  });
}
