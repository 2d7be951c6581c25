import type { EventSchemas } from '@mercato/contracts';
import type { EventHandler, ServiceContext, Timer } from '@mercato/kernel';
import type { PromotionsSettings } from '../settings.ts';
import { moveHold, staleHolds } from '../db/promotions-repo.ts';

const BATCH = 100;
/** Long after any order that took a hold has been placed; orders keep a code at most until the payment timeout. */
const SLACK_MS = 10 * 60_000;

/** A confirmed order has used its promotion; a failed or cancelled one gives it back. */
export function discountEventHandlers(): Record<string, EventHandler> {
  return {
    'discount.redeemed': (event, tx) => moveHold(tx, event.payload.orderId, ['HELD', 'RELEASED'], 'REDEEMED').then(() => {}),
    'discount.released': (event, tx) => moveHold(tx, event.payload.orderId, ['HELD', 'REDEEMED'], 'RELEASED').then(() => {}),
  };
}

/**
 * Releases holds that heard nothing of their order: one placed is confirmed or cancelled within the
 * payment timeout, so a hold older than that (and some slack) belongs to an order that never came
 * to be (a request that failed after the hold, or lost a race on its Idempotency-Key).
 */
export function staleHoldsTimer(ctx: ServiceContext<EventSchemas, PromotionsSettings>): Timer {
  const olderThanMs = ctx.settings.ORDER_PAYMENT_TIMEOUT + SLACK_MS;
  return {
    name: 'stale-promotion-holds',
    everyMs: 60_000,
    async run() {
      let found: string[];
      do {
        found = await staleHolds(ctx.db, olderThanMs, BATCH);
        for (const orderId of found) await ctx.db.transaction((tx) => moveHold(tx, orderId, ['HELD'], 'RELEASED'));
      } while (found.length === BATCH);
    },
  };
}
