import type { EventPayload, EventSchemas } from '@mercato/contracts';
import { newId, type EventEnvelope, type ServiceContext, type Tx } from '@mercato/kernel';
import { findByOrder, insertPayment, lockOrder, riskSignals } from '../db/payments-repo.ts';
import { chargeKey } from '../domain/payment.ts';
import { paymentMachine, paymentState, paymentStatusAfter } from '../domain/payment-machine.ts';
import { assessRisk, type RiskThresholds } from '../domain/risk.ts';
import type { PaymentProvider } from '../provider/provider.ts';
import type { PaymentsSettings } from '../settings.ts';

const thresholds = (c: PaymentsSettings): RiskThresholds => ({
  velocityPerHour: c.FRAUD_VELOCITY_PER_HOUR,
  declinesPerHour: c.FRAUD_DECLINES_PER_HOUR,
  largeAmountCents: c.FRAUD_LARGE_AMOUNT_CENTS,
  blockScore: c.FRAUD_BLOCK_SCORE,
});

/** Screens the charge for fraud, charges the order once, and reports the outcome to the saga. */
export async function chargeOrder(
  ctx: ServiceContext<EventSchemas, PaymentsSettings>,
  provider: PaymentProvider,
  tx: Tx,
  request: EventPayload<'payment.requested'>,
  cause: EventEnvelope,
) {
  const { orderId, customerId, amountCents, currency, paymentMethod } = request;
  await lockOrder(tx, orderId);
  const state = paymentState(await findByOrder(tx, orderId));
  if (!paymentMachine.can(state, 'capture')) return;

  const paymentId = newId();
  const row = { id: paymentId, orderId, customerId, amountCents, currency, method: paymentMethod };
  const risk = ctx.settings.FRAUD_SCREENING
    ? assessRisk({ amountCents, ...(await riskSignals(tx, customerId)) }, thresholds(ctx.settings))
    : null;
  const result = risk?.blocked
    ? ({ status: 'declined', reason: 'fraud_suspected' } as const)
    : await provider.charge({ idempotencyKey: chargeKey(orderId), amountCents, currency, paymentMethod });
  const screened = risk ? { score: risk.score, reasons: risk.reasons } : undefined;
  if (result.status === 'succeeded') {
    await insertPayment(tx, { ...row, status: paymentStatusAfter(state, 'capture'), chargeId: result.chargeId, risk: screened });
    ctx.outbox.emit(tx, 'payment.succeeded', orderId, { orderId, paymentId, amountCents, currency }, cause);
  } else {
    await insertPayment(tx, { ...row, status: paymentStatusAfter(state, 'decline'), declineReason: result.reason, risk: screened });
    ctx.outbox.emit(tx, 'payment.failed', orderId, { orderId, paymentId, reason: result.reason }, cause);
  }
}
