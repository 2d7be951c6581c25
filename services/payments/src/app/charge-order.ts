import type { EventPayload, EventSchemas } from '@mercato/contracts';
import { newId, type EventEnvelope, type ServiceContext, type Tx } from '@mercato/kernel';
import { findByOrder, insertPayment, lockOrder, riskSignals } from '../db/payments-repo.ts';
import { chargeKey } from '../domain/payment.ts';
import { chargeStep, paymentState, paymentStatusAfter } from '../domain/payment-machine.ts';
import { assessRisk, type RiskThresholds } from '../domain/risk.ts';
import type { ChargeResult, PaymentProvider } from '../provider/provider.ts';
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
  // Any row, even a void, settles the request.
  if (state !== 'NONE') return;

  const paymentId = newId();
  const risk = ctx.settings.FRAUD_SCREENING
    ? assessRisk({ amountCents, ...(await riskSignals(tx, customerId)) }, thresholds(ctx.settings))
    : null;
  const result: ChargeResult = risk?.blocked
    ? { status: 'declined', reason: 'fraud_suspected' }
    : await provider.charge({ idempotencyKey: chargeKey(orderId), orderId, customerId, amountCents, currency, paymentMethod });
  const status = paymentStatusAfter(state, chargeStep(result, state));
  await insertPayment(tx, {
    id: paymentId,
    orderId,
    customerId,
    amountCents,
    currency,
    method: paymentMethod,
    status,
    provider: provider.name,
    chargeId: result.chargeId,
    card: result.card,
    declineReason: result.status === 'declined' ? result.reason : undefined,
    risk: risk ? { score: risk.score, reasons: risk.reasons } : undefined,
  });
  if (result.status === 'succeeded')
    ctx.outbox.emit(tx, 'payment.succeeded', orderId, { orderId, paymentId, amountCents, currency }, cause);
  else if (result.status === 'requires_action')
    ctx.outbox.emit(tx, 'payment.action_required', orderId, { orderId, paymentId, customerId }, cause);
  else ctx.outbox.emit(tx, 'payment.failed', orderId, { orderId, paymentId, reason: result.reason }, cause);
}
