import type { EventPayload, EventSchemas } from '@mercato/contracts';
import { newId, type EventEnvelope, type ServiceContext, type Tx } from '@mercato/kernel';
import { findByOrder, insertPayment, lockOrder } from '../db/payments-repo.ts';
import { NO_CURRENCY, NO_METHOD, onOrderCancelled } from '../domain/payment.ts';
import type { PaymentProvider } from '../provider/provider.ts';
import { refund } from '../refunds.ts';

/** Compensation: gives captured money back, or voids the order's payment before it can happen. */
export function onOrderCancelledEvent(ctx: ServiceContext<EventSchemas>, provider: PaymentProvider) {
  return async (event: EventEnvelope<EventPayload<'order.cancelled'>>, tx: Tx) => {
    const { orderId, customerId } = event.payload;
    await lockOrder(tx, orderId);
    const current = await findByOrder(tx, orderId);
    const decision = onOrderCancelled(current?.status ?? null);
    if (decision === 'void') {
      await insertPayment(tx, {
        id: newId(),
        orderId,
        customerId,
        amountCents: 0,
        currency: NO_CURRENCY,
        method: NO_METHOD,
        status: 'VOIDED',
      });
    } else if (decision === 'refund') {
      await refund(ctx, provider, tx, current!, { orderId }, event);
    }
  };
}
