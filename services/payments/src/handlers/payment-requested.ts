import type { EventPayload, EventSchemas } from '@mercato/contracts';
import { newId, type EventEnvelope, type ServiceContext, type Tx } from '@mercato/kernel';
import { findByOrder, insertPayment, lockOrder } from '../db/payments-repo.ts';
import { chargeKey, onPaymentRequested } from '../domain/payment.ts';
import type { PaymentProvider } from '../provider/provider.ts';

/** Charges the order once and reports the outcome to the saga. */
export function onPaymentRequestedEvent(ctx: ServiceContext<EventSchemas>, provider: PaymentProvider) {
  return async (event: EventEnvelope<EventPayload<'payment.requested'>>, tx: Tx) => {
    const { orderId, customerId, amountCents, currency, paymentMethod } = event.payload;
    await lockOrder(tx, orderId);
    const current = await findByOrder(tx, orderId);
    if (onPaymentRequested(current?.status ?? null) === 'ignore') return;

    const result = await provider.charge({ idempotencyKey: chargeKey(orderId), amountCents, currency, paymentMethod });
    const paymentId = newId();
    const row = { id: paymentId, orderId, customerId, amountCents, currency, method: paymentMethod };
    if (result.status === 'succeeded') {
      await insertPayment(tx, { ...row, status: 'CAPTURED', chargeId: result.chargeId });
      ctx.outbox.emit(tx, 'payment.succeeded', orderId, { orderId, paymentId, amountCents, currency }, event);
    } else {
      await insertPayment(tx, { ...row, status: 'DECLINED', declineReason: result.reason });
      ctx.outbox.emit(tx, 'payment.failed', orderId, { orderId, paymentId, reason: result.reason }, event);
    }
  };
}
