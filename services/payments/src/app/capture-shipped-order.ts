import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { ServiceContext, Tx } from '@mercato/kernel';
import { findByOrder, lockOrder, updateOutcome } from '../db/payments-repo.ts';
import { captureKey } from '../domain/payment.ts';
import { paymentMachine, paymentStatusAfter } from '../domain/payment-machine.ts';
import type { PaymentProvider } from '../provider/provider.ts';

/** Manual capture: the money authorised at checkout is taken when the order ships, once. */
export async function captureShippedOrder(
  ctx: ServiceContext<EventSchemas>,
  provider: PaymentProvider,
  tx: Tx,
  shipped: EventPayload<'order.shipped'>,
) {
  await lockOrder(tx, shipped.orderId);
  const payment = await findByOrder(tx, shipped.orderId);
  if (!payment || !paymentMachine.can(payment.status, 'settle')) return;
  await provider.capture({ idempotencyKey: captureKey(payment.orderId), chargeId: payment.chargeId! });
  await updateOutcome(tx, payment.id, paymentStatusAfter(payment.status, 'settle'));
  ctx.logger.info({ orderId: payment.orderId, paymentId: payment.id }, 'authorisation captured at shipment');
}
