import type { Dispute, disputeInput, EventSchemas } from '@mercato/contracts';
import { conflict, newId, notFound, type ServiceContext } from '@mercato/kernel';
import type { z } from 'zod';
import { insertDispute } from '../db/disputes-repo.ts';
import { findByOrder, findVisiblePayment, lockOrder } from '../db/payments-repo.ts';
import { disputable } from '../domain/dispute.ts';

/** Records a dispute the card's bank opened on a payment, for at most what is left of the capture. */
export async function openDispute(
  ctx: ServiceContext<EventSchemas>,
  paymentId: string,
  input: z.output<typeof disputeInput>,
): Promise<Dispute> {
  return ctx.db.transaction(async (tx) => {
    const visible = await findVisiblePayment(tx, paymentId);
    if (!visible) throw notFound('Payment');
    await lockOrder(tx, visible.orderId);
    const payment = (await findByOrder(tx, visible.orderId))!;
    const amountCents = disputable(payment, input.amountCents);
    if (amountCents === null) {
      throw conflict('payment_not_disputable', 'Nothing of this payment is left to dispute, or the bank claims more than is left');
    }
    const opened = await insertDispute(tx, {
      id: newId(),
      paymentId: payment.id,
      orderId: payment.orderId,
      customerId: payment.customerId,
      amountCents,
      currency: payment.currency,
      reason: input.reason,
      providerDisputeId: input.providerDisputeId ?? null,
    });
    if (!opened) throw conflict('dispute_open', 'This payment has an open dispute, or the bank reported this one already');
    const { id: disputeId, orderId, customerId, currency, reason } = opened;
    const disputed = { disputeId, paymentId: opened.paymentId, orderId, customerId, amountCents, currency, reason };
    ctx.outbox.emit(tx, 'payment.disputed', orderId, disputed);
    return opened;
  });
}
