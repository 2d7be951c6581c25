import type { EventPayload, EventSchemas } from '@mercato/contracts';
import { newId, type EventEnvelope, type ServiceContext, type Tx } from '@mercato/kernel';
import { findByOrder, insertPayment, lockOrder } from '../db/payments-repo.ts';
import { NO_CURRENCY, NO_METHOD } from '../domain/payment.ts';
import { paymentMachine, paymentState, paymentStatusAfter } from '../domain/payment-machine.ts';
import type { PaymentProvider } from '../provider/provider.ts';
import { refundPayment } from './refund-payment.ts';

/** Compensation: gives captured money back, or voids the order's payment before it can happen. */
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
  if (current) {
    await refundPayment(ctx, provider, tx, current, { orderId }, cause);
    return;
  }
  const status = paymentStatusAfter(state, 'cancel');
  await insertPayment(tx, { id: newId(), orderId, customerId, amountCents: 0, currency: NO_CURRENCY, method: NO_METHOD, status });
}
