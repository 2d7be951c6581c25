import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { findByOrder, lockOrder } from '../db/payments-repo.ts';
import type { PaymentProvider } from '../provider/provider.ts';
import { refundPayment } from './refund-payment.ts';

/** Refunds the price of a return's items once they are back. */
export async function refundReturn(
  ctx: ServiceContext<EventSchemas>,
  provider: PaymentProvider,
  tx: Tx,
  received: EventPayload<'return.received'>,
  cause: EventEnvelope,
) {
  const { orderId, returnId, refundCents } = received;
  await lockOrder(tx, orderId);
  const payment = await findByOrder(tx, orderId);
  if (!payment) {
    ctx.logger.warn({ orderId, returnId }, 'a return of an order without a payment');
    return;
  }
  await refundPayment(ctx, provider, tx, payment, { orderId, returnId, amountCents: refundCents }, cause);
}
