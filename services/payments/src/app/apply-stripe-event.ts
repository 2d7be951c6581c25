import type { EventSchemas } from '@mercato/contracts';
import { claimInbox, newId, type ServiceContext, type Tx } from '@mercato/kernel';
import type Stripe from 'stripe';
import { findDisputeByProviderId, insertDispute } from '../db/disputes-repo.ts';
import { findByCharge, findByOrder, lockOrder, recordRefund, updateOutcome, type StoredPayment } from '../db/payments-repo.ts';
import { disputable } from '../domain/dispute.ts';
import { refundable, refundStep } from '../domain/payment.ts';
import { chargeStep, paymentMachine } from '../domain/payment-machine.ts';
import { disputeReason, disputeStepOf, inboxId } from '../domain/stripe-event.ts';
import { chargeOutcome } from '../provider/stripe.ts';
import { announceDecision } from './resolve-dispute.ts';
import { tryStepDispute } from './step-dispute.ts';

type Ctx = ServiceContext<EventSchemas>;
const reference = (o: string | { id: string } | null) => (typeof o === 'string' ? o : (o?.id ?? null));

/**
 * Applies one verified Stripe event, once: its id goes into the inbox with its effects. Every effect
 * is a step of a state machine, so an event that comes late or out of order changes nothing.
 */
export async function applyStripeEvent(ctx: Ctx, event: Stripe.Event): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const fresh = await claimInbox(tx, 'payments', 'stripe-webhooks', [inboxId(event.id)]);
    if (fresh.size === 0) return;
    switch (event.type) {
      case 'payment_intent.succeeded':
      case 'payment_intent.amount_capturable_updated':
      case 'payment_intent.payment_failed':
      case 'payment_intent.requires_action':
        return settleIntent(ctx, tx, event.data.object);
      case 'charge.refunded':
        return recordOutsideRefund(ctx, tx, event.data.object);
      case 'charge.dispute.created':
        return openProviderDispute(ctx, tx, event.data.object);
      case 'charge.dispute.updated':
      case 'charge.dispute.closed':
        return stepProviderDispute(ctx, tx, event.data.object);
      default:
        ctx.logger.info({ type: event.type, id: event.id }, 'stripe event ignored');
    }
  });
}

/** The order's payment a Stripe object names by its PaymentIntent, read under the order's lock. */
async function lockedPayment(ctx: Ctx, tx: Tx, intentId: string | null): Promise<StoredPayment | null> {
  const named = intentId ? await findByCharge(tx, 'stripe', intentId) : null;
  if (!named) {
    ctx.logger.warn({ intentId }, 'a stripe event about a payment Mercato did not make');
    return null;
  }
  await lockOrder(tx, named.orderId);
  return findByOrder(tx, named.orderId);
}

/** The customer confirmed (3-D Secure) or failed to: the waiting payment is captured, authorised or declined. */
async function settleIntent(ctx: Ctx, tx: Tx, intent: Stripe.PaymentIntent) {
  const payment = await lockedPayment(ctx, tx, intent.id);
  if (!payment) return;
  const outcome = chargeOutcome(intent);
  const rule = paymentMachine.next(payment.status, chargeStep(outcome, payment.status));
  if (!rule || rule.to === 'NONE') return;
  const declineReason = outcome.status === 'declined' ? outcome.reason : undefined;
  await updateOutcome(tx, payment.id, rule.to, { card: outcome.card, declineReason });
  const { orderId, id: paymentId, amountCents, currency } = payment;
  if (rule.emits === 'payment.succeeded') ctx.outbox.emit(tx, 'payment.succeeded', orderId, { orderId, paymentId, amountCents, currency });
  if (rule.emits === 'payment.failed') ctx.outbox.emit(tx, 'payment.failed', orderId, { orderId, paymentId, reason: declineReason! });
}

/** A refund made at Stripe (its dashboard) rather than by Mercato: what Stripe refunded beyond Mercato's own refunds is recorded. */
async function recordOutsideRefund(ctx: Ctx, tx: Tx, charge: Stripe.Charge) {
  const payment = await lockedPayment(ctx, tx, reference(charge.payment_intent));
  if (!payment) return;
  const amountCents = refundable(payment, charge.amount_refunded - payment.refundedCents);
  if (amountCents === 0) return;
  const status = paymentMachine.next(payment.status, refundStep(payment, amountCents))!.to as StoredPayment['status'];
  const providerRefundId = charge.refunds?.data[0]?.id ?? charge.id;
  const ref = `stripe:${charge.id}:${charge.amount_refunded}`;
  if (!(await recordRefund(tx, payment.id, { id: newId(), reference: ref, amountCents, providerRefundId }, status))) return;
  const { orderId, id: paymentId, customerId, currency } = payment;
  ctx.outbox.emit(tx, 'payment.refunded', orderId, { orderId, paymentId, customerId, amountCents, currency });
}

/** The card's bank opened a dispute: Mercato's opens by itself, for at most what is left of the capture. */
async function openProviderDispute(ctx: Ctx, tx: Tx, d: Stripe.Dispute) {
  const payment = await lockedPayment(ctx, tx, reference(d.payment_intent));
  if (!payment) return;
  const amountCents = disputable(payment, d.amount);
  if (amountCents === null) {
    ctx.logger.warn({ disputeId: d.id, orderId: payment.orderId }, 'a stripe dispute for more than is left of the payment');
    return;
  }
  const { orderId, customerId, currency } = payment;
  const opened = await insertDispute(tx, {
    id: newId(),
    paymentId: payment.id,
    orderId,
    customerId,
    amountCents,
    currency,
    reason: disputeReason(d.reason),
    providerDisputeId: d.id,
  });
  if (!opened) return;
  const disputed = { disputeId: opened.id, paymentId: payment.id, orderId, customerId, amountCents, currency, reason: opened.reason };
  ctx.outbox.emit(tx, 'payment.disputed', orderId, disputed);
}

/** Stripe reviews the shop's answer, then decides: Mercato's dispute follows, a step at a time. */
async function stepProviderDispute(ctx: Ctx, tx: Tx, d: Stripe.Dispute) {
  const step = disputeStepOf(d.status);
  const found = step && (await findDisputeByProviderId(tx, d.id));
  if (!step || !found) return;
  const stepped = await tryStepDispute(tx, found, step, null);
  if (stepped && step !== 'evidence') announceDecision(ctx, tx, stepped.updated, stepped.emits, step);
}
