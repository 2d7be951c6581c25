import type { EventSchemas } from '@mercato/contracts';
import { newId, type EventEnvelope, type ServiceContext, type Tx } from '@mercato/kernel';
import { recordRefund, refundExists, type StoredPayment } from '../db/payments-repo.ts';
import { refundable, refundKey, refundReference, refundStep, returnRefundKey } from '../domain/payment.ts';
import { paymentStatusAfter } from '../domain/payment-machine.ts';
import type { PaymentProvider } from '../provider/provider.ts';

/** What a refund is for: all that is left of a cancelled order's capture, or the price of a return's items. */
export type RefundFor = { orderId: string } | { orderId: string; returnId: string; amountCents: number };

/**
 * Gives money back through the provider, at most once per cancelled order or return, and tells the
 * other services. The caller holds the order's lock (lockOrder) and passes its payment.
 */
export async function refundPayment(
  ctx: ServiceContext<EventSchemas>,
  provider: PaymentProvider,
  tx: Tx,
  payment: StoredPayment,
  of: RefundFor,
  cause: EventEnvelope,
) {
  const reference = refundReference(of);
  if (await refundExists(tx, reference)) return;
  const amountCents = refundable(payment, 'returnId' in of ? of.amountCents : payment.amountCents);
  if (amountCents === 0) {
    ctx.logger.warn({ orderId: payment.orderId, reference, status: payment.status }, 'nothing left to refund');
    return;
  }
  const status = paymentStatusAfter(payment.status, 'returnId' in of ? refundStep(payment, amountCents) : 'cancel');
  const { refundId } = await provider.refund({
    idempotencyKey: 'returnId' in of ? returnRefundKey(of.returnId) : refundKey(of.orderId),
    chargeId: payment.chargeId!,
    amountCents,
  });
  await recordRefund(tx, payment.id, { id: newId(), reference, amountCents, providerRefundId: refundId }, status);
  const { orderId, id: paymentId, customerId, currency } = payment;
  const returnId = 'returnId' in of ? of.returnId : undefined;
  ctx.outbox.emit(
    tx,
    'payment.refunded',
    orderId,
    { orderId, paymentId, customerId, amountCents, currency, ...(returnId ? { returnId } : {}) },
    cause,
  );
}
