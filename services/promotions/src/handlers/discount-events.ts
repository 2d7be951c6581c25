import type { EventSchemas } from '@mercato/contracts';
import type { EventHandler, ServiceContext, Timer } from '@mercato/kernel';
import { redeemHold } from '../app/redeem-hold.ts';
import { releaseHold } from '../app/release-hold.ts';
import { releaseStaleHolds } from '../app/release-stale-holds.ts';
import type { PromotionsSettings } from '../settings.ts';

/** Long after any order that took a hold has been placed; orders keep a code at most until the payment timeout. */
const SLACK_MS = 10 * 60_000;

export function discountEventHandlers(): Record<string, EventHandler> {
  return {
    'discount.redeemed': (event, tx) => redeemHold(tx, event.payload.orderId),
    'discount.released': (event, tx) => releaseHold(tx, event.payload.orderId),
  };
}

export function staleHoldsTimer(ctx: ServiceContext<EventSchemas, PromotionsSettings>): Timer {
  const olderThanMs = ctx.settings.ORDER_PAYMENT_TIMEOUT + SLACK_MS;
  return { name: 'stale-promotion-holds', everyMs: 60_000, run: () => releaseStaleHolds(ctx.db, olderThanMs) };
}
