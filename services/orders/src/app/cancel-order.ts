import type { Order } from '@mercato/contracts';
import { conflict, forbidden, isAdmin, isStaff, notFound, type Principal } from '@mercato/kernel';
import { findOrder } from '../db/orders-repo.ts';
import { advance } from './advance.ts';
import type { OrdersContext } from './context.ts';
import { publicOrder } from './order-view.ts';

/**
 * Cancels an order for its customer or an admin (ops may see it, not cancel it). Decided under the
 * order's row lock, so a cancellation and a shipment at once never both happen; order.cancelled then
 * has inventory release the stock and payments refund a capture.
 */
export async function cancelOrder(ctx: OrdersContext, caller: Principal, orderId: string): Promise<Order> {
  return ctx.db.transaction(async (tx) => {
    const found = await findOrder(tx, orderId, true);
    if (!found || (found.customerId !== caller.userId && !isStaff(caller))) throw notFound('Order');
    const own = caller.userId === found.customerId;
    if (!own && !isAdmin(caller)) throw forbidden("Only an admin may cancel a customer's order");
    const cancelled = await advance(ctx, tx, found, { kind: 'cancel', reason: own ? 'customer_cancelled' : 'admin_cancelled' });
    if (!cancelled) throw conflict('order_not_cancellable', `An order in status ${found.status} cannot be cancelled`);
    return publicOrder(cancelled);
  });
}
