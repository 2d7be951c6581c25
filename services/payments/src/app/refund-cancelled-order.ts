import type { EventPayload, EventSchemas } from '@mercato/contracts';
import { newId, type EventEnvelope, type ServiceContext, type Tx } from '@mercato/kernel';
import { findByOrder, insertPayment, lockOrder, updateOutcome } from '../db/payments-repo.ts';
import { NO_CURRENCY, NO_METHOD, voidKey } from '../domain/payment.ts';
import { paymentMachine, paymentState, paymentStatusAfter } from '../domain/payment-machine.ts';
import type { PaymentProvider } from '../provider/provider.ts';
import { refundPayment } from './refund-payment.ts';

/** Compensation: gives captured money back, releases what is only authorised, or voids the order's payment before it can happen. */
export async function refundCancelledOrder(
  ctx: ServiceContext<EventSchemas>,
  provider: PaymentProvider,
  tx: Tx,
  cancelled: EventPayload<'order.cancelled'>,
  cause: EventEnvelope,
) {
  const { orderId, customerId } = cancelled;
  await lockOrder(tx, orderId);
  const current = await findByOrder(tx, orderId);
  const state = paymentState(current);
  if (!paymentMachine.can(state, 'cancel')) return;
  const status = paymentStatusAfter(state, 'cancel');
  if (current && status === 'VOIDED') {
    // An authorisation, or a charge waiting for the customer: nothing was taken, so it is released.
    await provider.void({ idempotencyKey: voidKey(orderId), chargeId: current.chargeId! });
    await updateOutcome(tx, current.id, status);
    return;
  }
  if (current) {
    await refundPayment(ctx, provider, tx, current, { orderId }, cause);
    return;
  }
  await insertPayment(tx, { id: newId(), orderId, customerId, amountCents: 0, currency: NO_CURRENCY, method: NO_METHOD, status });
}
