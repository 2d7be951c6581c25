import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { paymentsService } from '../src/index.ts';
import { startFakeStripe, type FakeStripe } from './fake-stripe.ts';

/**
 * Payments alone with the Stripe adapter, through the official SDK, against a local server that
 * speaks Stripe's API and answers as its test payment methods do. Orders' side of the saga is the
 * events a test delivers and the events payments publishes.
 */
const address = { name: 'A Customer', line1: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' };
const WEBHOOK = '/api/payments/webhooks/stripe';

async function stripeShop(capture: 'automatic' | 'manual') {
  const fake = await startFakeStripe();
  const host = await hostService(paymentsService, { env: { ...fake.env, STRIPE_CAPTURE: capture } });
  const customer = host.signedIn();
  const published = async (orderId: string) => (await host.published()).filter((e) => e.payload.orderId === orderId).map((e) => e.type);
  const payment = async (orderId: string) =>
    (await host.call('GET', `/api/payments?orderId=${orderId}`, { token: host.adminToken })).body.items[0];
  const row = async (orderId: string) =>
    (await host.db.query<{ status: string }>('SELECT status FROM payments.payments WHERE order_id = $1', [orderId]))[0];

  /** Orders asks for the payment of a new order of the customer's. */
  async function requested(paymentMethod: string, amountCents = 2_500) {
    const orderId = newId();
    await host.receive('payment.requested', { orderId, customerId: customer.id, amountCents, currency: 'EUR', paymentMethod });
    return orderId;
  }
  /** Stripe delivers a signed event to the webhook. */
  function webhook(event: unknown, opts: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
    const { payload, header } = fake.sign(event, opts);
    const signature = opts.signature === undefined ? header : opts.signature;
    return host.call('POST', WEBHOOK, {
      body: payload,
      headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
    });
  }
  return { fake, host, customer, published, payment, row, requested, webhook };
}

describe('Stripe, automatic capture', () => {
  let s: Awaited<ReturnType<typeof stripeShop>>;
  let fake: FakeStripe;
  let host: Host;
  let customer: SignedIn;

  beforeAll(async () => {
    s = await stripeShop('automatic');
    ({ fake, host, customer } = s);
  });
  afterAll(async () => {
    await host?.close();
    await fake?.close();
  });

  it('tells the checkout to render Stripe, with the publishable key, to anyone', async () => {
    const res = await host.call('GET', '/api/payments/methods');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ providers: [{ name: 'stripe', publishableKey: 'pk_test_fake' }] });
  });

  it('charges a good card once through a PaymentIntent keyed by the order, and shows the card, not the token, to its owner', async () => {
    const orderId = await s.requested('pm_card_visa');
    const intent = fake.intentOf(orderId)!;
    expect(intent).toMatchObject({
      amount: 2_500,
      currency: 'eur',
      status: 'succeeded',
      metadata: { order_id: orderId, customer_id: customer.id },
    });
    expect(fake.requests.filter((r) => r.path === '/v1/payment_intents')).toContainEqual(
      expect.objectContaining({ idempotencyKey: `charge:${orderId}` }),
    );
    expect(await s.published(orderId)).toEqual(['payment.succeeded']);

    const staff = await s.payment(orderId);
    expect(staff).toMatchObject({
      status: 'CAPTURED',
      provider: 'stripe',
      providerReference: intent.id,
      method: 'pm_card_visa',
      card: { brand: 'visa', last4: '4242' },
    });
    const own = (await host.call('GET', `/api/payments/${staff.id}`, { token: customer.token })).body;
    expect(own).toMatchObject({ provider: 'stripe', card: { brand: 'visa', last4: '4242' }, method: null, providerReference: null });
    expect(JSON.stringify(own)).not.toContain('pm_card_visa');
  });

  it('declines a declined card and a card without funds, which fails the order', async () => {
    const declined = await s.requested('pm_card_chargeDeclined');
    const poor = await s.requested('pm_card_chargeDeclinedInsufficientFunds');
    expect(await s.payment(declined)).toMatchObject({ status: 'DECLINED', declineReason: 'card_declined' });
    expect(await s.payment(poor)).toMatchObject({ status: 'DECLINED', declineReason: 'insufficient_funds' });
    const [failed] = (await host.published()).filter((e) => e.payload.orderId === poor);
    expect(failed).toMatchObject({ type: 'payment.failed', payload: { reason: 'insufficient_funds' } });
  });

  it('waits for the customer when the card needs 3-D Secure, and completes when the webhook says it succeeded', async () => {
    const orderId = await s.requested('pm_card_threeDSecure2Required');
    expect(await s.payment(orderId)).toMatchObject({ status: 'REQUIRES_ACTION', card: { brand: 'visa', last4: '3220' } });
    expect(await s.published(orderId)).toEqual(['payment.action_required']);

    // The checkout gets the client secret for Stripe.js; nobody else does.
    const intent = fake.intentOf(orderId)!;
    const path = `/api/payments/orders/${orderId}/client-secret`;
    const secret = await host.call('POST', path, { token: customer.token });
    expect(secret.body).toEqual({ orderId, status: 'REQUIRES_ACTION', clientSecret: intent.client_secret });
    expect((await host.call('POST', path, { token: host.signedIn().token })).status).toBe(404);
    expect((await host.call('POST', path)).status).toBe(401);

    const succeeded = fake.completeAction(intent.id, 'succeeded');
    expect((await s.webhook(succeeded)).status).toBe(200);
    expect(await s.payment(orderId)).toMatchObject({ status: 'CAPTURED', card: { brand: 'visa', last4: '3220' } });
    expect(await s.published(orderId)).toEqual(['payment.action_required', 'payment.succeeded']);
    expect((await host.call('POST', path, { token: customer.token })).body).toEqual({ orderId, status: 'CAPTURED', clientSecret: null });

    // Delivered twice, or replayed later with a fresh signature: applied once.
    expect((await s.webhook(succeeded)).status).toBe(200);
    expect((await s.webhook(succeeded, { timestamp: Math.floor(Date.now() / 1000) + 1 })).status).toBe(200);
    // An older event arriving after the outcome is a no-op of the state machine.
    expect(
      (await s.webhook(fake.event('payment_intent.payment_failed', { ...succeeded.data.object, status: 'requires_payment_method' })))
        .status,
    ).toBe(200);
    expect(await s.published(orderId)).toEqual(['payment.action_required', 'payment.succeeded']);
    expect(await s.payment(orderId)).toMatchObject({ status: 'CAPTURED' });
  });

  it('declines the payment when the customer fails 3-D Secure', async () => {
    const orderId = await s.requested('pm_card_threeDSecure2Required');
    const failed = fake.completeAction(fake.intentOf(orderId)!.id, 'failed');
    expect((await s.webhook(failed)).status).toBe(200);
    expect(await s.payment(orderId)).toMatchObject({ status: 'DECLINED', declineReason: 'payment_intent_authentication_failure' });
    expect(await s.published(orderId)).toEqual(['payment.action_required', 'payment.failed']);
  });

  it('refuses a forged, unsigned or stale webhook with 400 problem+json, and changes nothing', async () => {
    const orderId = await s.requested('pm_card_threeDSecure2Required');
    const succeeded = fake.completeAction(fake.intentOf(orderId)!.id, 'succeeded');
    const refusals = [
      await s.webhook(succeeded, { secret: 'whsec_forged' }),
      await s.webhook(succeeded, { signature: null }),
      await s.webhook(succeeded, { signature: 't=1,v1=deadbeef' }),
      await s.webhook(succeeded, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('invalid_signature');
    }
    expect(await s.payment(orderId)).toMatchObject({ status: 'REQUIRES_ACTION' });
    expect(await s.published(orderId)).toEqual(['payment.action_required']);
    // The genuine one still applies: the refusals did not use up its id.
    expect((await s.webhook(succeeded)).status).toBe(200);
    expect(await s.payment(orderId)).toMatchObject({ status: 'CAPTURED' });
  });

  it('retries a charge whose answer the network lost with the same idempotency key, and charges once', async () => {
    fake.state.dropNext = 1;
    const orderId = await s.requested('pm_card_visa');
    const creates = fake.requests.filter((r) => r.path === '/v1/payment_intents' && r.idempotencyKey === `charge:${orderId}`);
    expect(creates.length).toBeGreaterThanOrEqual(2);
    expect([...fake.intents.values()].filter((i) => i.metadata.order_id === orderId)).toHaveLength(1);
    expect(await s.payment(orderId)).toMatchObject({ status: 'CAPTURED', amountCents: 2_500 });
    expect(await s.published(orderId)).toEqual(['payment.succeeded']);
  });

  it('refunds part of a payment after a return through the Refunds API, once', async () => {
    const orderId = await s.requested('pm_card_visa', 4_000);
    const intent = fake.intentOf(orderId)!;
    const returnId = newId();
    const received = {
      returnId,
      orderId,
      customerId: customer.id,
      items: [{ productId: newId(), quantity: 1 }],
      refundCents: 1_500,
      currency: 'EUR',
    };
    await host.receive('return.received', received);
    await host.receive('return.received', received);
    expect(fake.refunds.filter((r) => r.payment_intent === intent.id)).toEqual([expect.objectContaining({ amount: 1_500 })]);
    expect(fake.requests.filter((r) => r.path === '/v1/refunds').map((r) => r.idempotencyKey)).toContain(`refund:return:${returnId}`);
    expect(await s.payment(orderId)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedCents: 1_500 });

    // Stripe's own notice of that refund adds nothing; a refund made in Stripe's dashboard is recorded.
    const charge = { id: intent.latest_charge, object: 'charge', payment_intent: intent.id, amount: 4_000, amount_refunded: 1_500 };
    expect((await s.webhook(fake.event('charge.refunded', charge))).status).toBe(200);
    expect(await s.payment(orderId)).toMatchObject({ refundedCents: 1_500 });
    expect((await s.webhook(fake.event('charge.refunded', { ...charge, amount_refunded: 2_000 }))).status).toBe(200);
    expect(await s.payment(orderId)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedCents: 2_000 });
  });

  it('opens, follows and closes a dispute by webhooks; the evidence goes to Stripe; a loss comes off the payment', async () => {
    const orderId = await s.requested('pm_card_visa', 3_000);
    const intent = fake.intentOf(orderId)!;
    const dispute = fake.openDispute(intent.id, 3_000, 'product_not_received');
    const created = fake.event('charge.dispute.created', dispute);
    expect((await s.webhook(created)).status).toBe(200);
    expect((await s.webhook(created)).status).toBe(200);
    const listed = (await host.call('GET', `/api/admin/disputes?paymentId=${(await s.payment(orderId)).id}`, { token: host.adminToken }))
      .body;
    expect(listed.items).toHaveLength(1);
    const [opened] = listed.items;
    expect(opened).toMatchObject({
      status: 'NEEDS_RESPONSE',
      amountCents: 3_000,
      reason: 'product_not_received',
      providerDisputeId: dispute.id,
    });

    const evidence = await host.call('POST', `/api/admin/disputes/${opened.id}/evidence`, {
      token: host.adminToken,
      body: { text: 'Signed proof of delivery' },
    });
    expect(evidence.body).toMatchObject({ status: 'UNDER_REVIEW' });
    expect(fake.disputes.get(dispute.id)).toMatchObject({
      status: 'under_review',
      evidence: { uncategorized_text: 'Signed proof of delivery' },
    });

    expect((await s.webhook(fake.event('charge.dispute.updated', { ...dispute, status: 'under_review' }))).status).toBe(200);
    expect((await s.webhook(fake.event('charge.dispute.closed', { ...dispute, status: 'lost' }))).status).toBe(200);
    // A late "won" after the loss changes nothing.
    expect((await s.webhook(fake.event('charge.dispute.closed', { ...dispute, status: 'won' }))).status).toBe(200);
    const closed = (await host.call('GET', `/api/admin/disputes?paymentId=${opened.paymentId}`, { token: host.adminToken })).body.items[0];
    expect(closed.history.map((h: { status: string }) => h.status)).toEqual(['NEEDS_RESPONSE', 'UNDER_REVIEW', 'LOST']);
    expect(await s.payment(orderId)).toMatchObject({ disputedCents: 3_000, refundedCents: 0 });
    expect(await s.published(orderId)).toEqual(['payment.succeeded', 'payment.disputed', 'dispute.closed']);
  });
});

describe('Stripe, manual capture', () => {
  let s: Awaited<ReturnType<typeof stripeShop>>;

  beforeAll(async () => {
    s = await stripeShop('manual');
  });
  afterAll(async () => {
    await s?.host.close();
    await s?.fake.close();
  });

  it('authorises at checkout and captures when the order ships', async () => {
    const orderId = await s.requested('pm_card_visa');
    expect(await s.payment(orderId)).toMatchObject({ status: 'AUTHORIZED' });
    expect(s.fake.intentOf(orderId)).toMatchObject({ status: 'requires_capture', capture_method: 'manual' });
    expect(await s.published(orderId)).toEqual(['payment.succeeded']);

    const shipped = { orderId, customerId: s.customer.id, items: [{ productId: newId(), quantity: 1 }], shippingAddress: address };
    await s.host.receive('order.shipped', shipped);
    await s.host.receive('order.shipped', shipped);
    expect(s.fake.intentOf(orderId)).toMatchObject({ status: 'succeeded', amount_received: 2_500 });
    expect(s.fake.requests.filter((r) => r.path.endsWith('/capture'))).toHaveLength(1);
    expect(await s.payment(orderId)).toMatchObject({ status: 'CAPTURED' });
  });

  it('voids the authorisation when the order is cancelled before it ships, refunding nothing', async () => {
    const orderId = await s.requested('pm_card_visa');
    await s.host.receive('order.cancelled', {
      orderId,
      customerId: s.customer.id,
      reason: 'customer_cancelled',
      previousStatus: 'CONFIRMED',
    });
    expect(s.fake.intentOf(orderId)).toMatchObject({ status: 'canceled' });
    expect(s.fake.refunds).toEqual([]);
    expect(await s.row(orderId)).toMatchObject({ status: 'VOIDED' });
    expect(await s.published(orderId)).toEqual(['payment.succeeded']);
  });

  it('abandons a payment still waiting for 3-D Secure when the order times out, and ignores the customer finishing later', async () => {
    const orderId = await s.requested('pm_card_threeDSecure2Required');
    const intent = s.fake.intentOf(orderId)!;
    await s.host.receive('order.cancelled', {
      orderId,
      customerId: s.customer.id,
      reason: 'payment_timeout',
      previousStatus: 'AWAITING_PAYMENT',
    });
    expect(intent.status).toBe('canceled');
    expect(await s.row(orderId)).toMatchObject({ status: 'VOIDED' });
    expect(
      (await s.webhook(s.fake.event('payment_intent.amount_capturable_updated', { ...intent, status: 'requires_capture' }))).status,
    ).toBe(200);
    expect(await s.row(orderId)).toMatchObject({ status: 'VOIDED' });
    expect(await s.published(orderId)).toEqual(['payment.action_required']);
  });
});
