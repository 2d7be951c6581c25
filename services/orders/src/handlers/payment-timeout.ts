import type { Timer } from '@mercato/kernel';
import type { OrdersContext } from '../app/context.ts';
import { expireUnpaidOrders } from '../app/expire-unpaid-orders.ts';

const BATCH = 100;

/** Cancels, and so compensates, every order that did not reach CONFIRMED within ORDER_PAYMENT_TIMEOUT, a batch at a time. */
export function paymentTimeoutTimer(ctx: OrdersContext): Timer {
  const timeout = ctx.settings.ORDER_PAYMENT_TIMEOUT;
  return {
    name: 'payment-timeout',
    everyMs: Math.min(30_000, Math.max(200, Math.floor(timeout / 10))),
    async run() {
      let swept: number;
      do swept = await expireUnpaidOrders(ctx, BATCH);
      while (swept === BATCH);
    },
  };
}
