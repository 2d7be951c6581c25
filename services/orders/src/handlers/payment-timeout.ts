import type { EventSchemas } from '@mercato/contracts';
import type { ServiceContext, Timer } from '@mercato/kernel';
import type { OrdersSettings } from '../settings.ts';
import { lockExpiredOrders } from '../db/orders-repo.ts';
import { advance } from '../saga.ts';

const BATCH = 100;

/** Cancels, and so compensates, every order that did not reach CONFIRMED within ORDER_PAYMENT_TIMEOUT. */
export function paymentTimeoutTimer(ctx: ServiceContext<EventSchemas, OrdersSettings>): Timer {
  const timeout = ctx.settings.ORDER_PAYMENT_TIMEOUT;
  return {
    name: 'payment-timeout',
    everyMs: Math.min(30_000, Math.max(200, Math.floor(timeout / 10))),
    async run() {
      let swept: number;
      do {
        swept = await ctx.db.transaction(async (tx) => {
          const expired = await lockExpiredOrders(tx, timeout, BATCH);
          for (const order of expired) await advance(ctx, tx, order, { kind: 'payment_timeout' });
          return expired.length;
        });
      } while (swept === BATCH);
    },
  };
}
