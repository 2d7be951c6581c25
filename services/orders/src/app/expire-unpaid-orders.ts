import { lockExpiredOrders } from '../db/orders-repo.ts';
import { checkoutSaga } from '../domain/checkout-saga.ts';
import { advance } from './advance.ts';
import type { OrdersContext } from './context.ts';

const { trigger, from } = checkoutSaga.timeout;

/**
 * Cancels, and so compensates, up to `batch` orders still awaiting a reply ORDER_PAYMENT_TIMEOUT
 * after they were placed, in one transaction; answers how many. Concurrent sweepers split the work.
 */
export async function expireUnpaidOrders(ctx: OrdersContext, batch: number): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const expired = await lockExpiredOrders(tx, from, ctx.settings.ORDER_PAYMENT_TIMEOUT, batch);
    for (const order of expired) await advance(ctx, tx, order, { kind: trigger });
    return expired.length;
  });
}
