import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { findByOrder, lockOrder } from '../db/payments-repo.ts';
import type { PaymentProvider } from '../provider/provider.ts';
import { refund } from '../refunds.ts';

/** Refunds the price of a return's items once they are back. */
export function onReturnReceivedEvent(ctx: ServiceContext<EventSchemas>, provider: PaymentProvider) {
  return async (event: EventEnvelope<EventPayload<'return.received'>>, tx: Tx) => {
    const { orderId, returnId, refundCents } = event.payload;
    await lockOrder(tx, orderId);
    const payment = await findByOrder(tx, orderId);
    if (!payment) {
      ctx.logger.warn({ orderId, returnId }, 'a return of an order without a payment');
      return;
    }
    await refund(ctx, provider, tx, payment, { orderId, returnId, amountCents: refundCents }, event);
  };
}
