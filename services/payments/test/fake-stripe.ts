import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { Json as Anything } from '../../../test/support/json.ts';

/** What Stripe's documented test payment methods do: a card, or the error the bank answers with. */
const TEST_METHODS: Record<string, { brand: string; last4: string; decline?: string; action?: true }> = {
  pm_card_visa: { brand: 'visa', last4: '4242' },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444' },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', decline: 'generic_decline' },
  pm_card_chargeDeclinedInsufficientFunds: { brand: 'visa', last4: '9995', decline: 'insufficient_funds' },
  pm_card_threeDSecure2Required: { brand: 'visa', last4: '3220', action: true },
  // As Stripe.js would make them in the browser from those cards: ids Mercato's checkout accepts.
  pm_1FakeVisaCard4242: { brand: 'visa', last4: '4242' },
  pm_1FakeDeclinedCard0002: { brand: 'visa', last4: '0002', decline: 'generic_decline' },
  pm_1FakeThreeDSecureCard3220: { brand: 'visa', last4: '3220', action: true },
};

type Json = Record<string, Anything>;
interface Answer {
  status: number;
  body: Json;
}

const stripeId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Stripe's form encoding (`metadata[order_id]=…&expand[0]=…`) back into an object. */
function parseForm(raw: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.split(/\[|\]\[|\]/).filter(Boolean);
    let at = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) at[part] = value;
      else at = at[part] ??= {};
    });
  }
  return out;
}

const error = (status: number, e: Json): Answer => ({ status, body: { error: e } });

/**
 * A local Stripe that speaks the endpoints the SDK calls for Mercato (payment intents, their capture
 * and cancel, refunds, disputes), answers as Stripe's test payment methods do and honours
 * Idempotency-Key: a repeated key answers what the first request did and moves no money again.
 * `dropNext` processes a request and then cuts the connection, as a network failure after Stripe
 * acted would; `completeAction` plays the customer finishing (or failing) 3-D Secure.
 */
export async function startFakeStripe() {
  const intents = new Map<string, Json>();
  const refunds: Json[] = [];
  const disputes = new Map<string, Json>();
  const answered = new Map<string, Answer>();
  /** Every request that moved state, by what the SDK sent: method, path and key. */
  const requests: Array<{ method: string; path: string; idempotencyKey: string | undefined }> = [];
  const state = { dropNext: 0 };

  const view = (intent: Json, expand: string[] = []) => {
    const { paymentMethod, ...rest } = intent;
    return { ...rest, payment_method: expand.includes('payment_method') ? paymentMethod : paymentMethod.id };
  };

  function createIntent(p: Json): Answer {
    const method = TEST_METHODS[p.payment_method];
    if (!method) return error(400, { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method' });
    const manual = p.capture_method === 'manual';
    const intent: Json = {
      id: stripeId('pi'),
      object: 'payment_intent',
      amount: Number(p.amount),
      amount_received: 0,
      currency: p.currency,
      capture_method: manual ? 'manual' : 'automatic',
      client_secret: `${stripeId('pi')}_secret_${randomBytes(8).toString('hex')}`,
      metadata: p.metadata ?? {},
      last_payment_error: null,
      latest_charge: stripeId('ch'),
      paymentMethod: { id: p.payment_method, object: 'payment_method', type: 'card', card: { brand: method.brand, last4: method.last4 } },
      status: 'succeeded',
    };
    intents.set(intent.id, intent);
    const expand = Object.values((p.expand ?? {}) as Record<string, string>);
    if (method.decline) {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { type: 'card_error', code: 'card_declined', decline_code: method.decline };
      const e = { type: 'card_error', code: 'card_declined', decline_code: method.decline, message: 'Your card was declined.' };
      return error(402, { ...e, payment_intent: view(intent, expand) });
    }
    if (method.action) {
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk' };
    } else if (manual) intent.status = 'requires_capture';
    else intent.amount_received = intent.amount;
    return { status: 200, body: view(intent, expand) };
  }

  function route(method: string, path: string, p: Json): Answer {
    let m: RegExpMatchArray | null;
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(p);
    if ((m = path.match(/^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel))?$/))) {
      const intent = intents.get(m[1]);
      if (!intent) return error(404, { type: 'invalid_request_error', code: 'resource_missing' });
      if (m[2] === 'capture') {
        if (intent.status !== 'requires_capture')
          return error(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state' });
        Object.assign(intent, { status: 'succeeded', amount_received: intent.amount });
      } else if (m[2] === 'cancel') {
        if (intent.status === 'succeeded') return error(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state' });
        intent.status = 'canceled';
      }
      return { status: 200, body: view(intent) };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(p.payment_intent);
      const amount = Number(p.amount);
      const refunded = refunds.filter((r) => r.payment_intent === p.payment_intent).reduce((a, r) => a + Number(r.amount), 0);
      if (!intent || intent.status !== 'succeeded' || refunded + amount > intent.amount_received) {
        return error(400, { type: 'invalid_request_error', code: 'charge_already_refunded' });
      }
      const refund = { id: stripeId('re'), object: 'refund', amount, payment_intent: intent.id, status: 'succeeded' };
      refunds.push(refund);
      return { status: 200, body: refund };
    }
    if ((m = path.match(/^\/v1\/disputes\/([^/]+)$/))) {
      const dispute = disputes.get(m[1]);
      if (!dispute) return error(404, { type: 'invalid_request_error', code: 'resource_missing' });
      if (method === 'POST')
        Object.assign(dispute, { evidence: p.evidence ?? {}, status: p.submit === 'true' ? 'under_review' : dispute.status });
      return { status: 200, body: dispute };
    }
    return error(404, { type: 'invalid_request_error', message: `no such endpoint ${method} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const key = req.headers['idempotency-key'] as string | undefined;
    const path = new URL(req.url!, 'http://stripe.local').pathname;
    const replay = key ? answered.get(key) : undefined;
    const answer = replay ?? route(req.method!, path, parseForm(raw));
    if (key && !replay) answered.set(key, answer);
    if (req.method === 'POST') requests.push({ method: req.method, path, idempotencyKey: key });
    if (state.dropNext > 0) {
      state.dropNext--;
      res.socket?.destroy();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': stripeId('req') });
    res.end(JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  const sdk = new Stripe('sk_test_fake');

  /** A Stripe event about an object, with an id of its own, as Stripe sends them. */
  const event = (type: string, object: Json) => ({
    id: stripeId('evt'),
    object: 'event',
    api_version: '2026-11-18.endive',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });

  return {
    /** What the payments service needs to talk to it. */
    env: {
      PAYMENT_PROVIDERS: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_fake',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_fake',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(port),
      STRIPE_API_PROTOCOL: 'http',
    },
    intents,
    refunds,
    disputes,
    requests,
    state,
    intentOf: (orderId: string) => [...intents.values()].find((i) => i.metadata.order_id === orderId),
    event,
    /** The customer finished 3-D Secure (or failed it): the intent moves on, and Stripe's event about it. */
    completeAction(intentId: string, outcome: 'succeeded' | 'failed') {
      const intent = intents.get(intentId)!;
      delete intent.next_action;
      if (outcome === 'failed') {
        const failure = { type: 'card_error', code: 'payment_intent_authentication_failure' };
        Object.assign(intent, { status: 'requires_payment_method', last_payment_error: failure });
        return event('payment_intent.payment_failed', view(intent));
      }
      const manual = intent.capture_method === 'manual';
      Object.assign(intent, { status: manual ? 'requires_capture' : 'succeeded', amount_received: manual ? 0 : intent.amount });
      return event(manual ? 'payment_intent.amount_capturable_updated' : 'payment_intent.succeeded', view(intent));
    },
    /** The card's bank disputes an intent's charge: Stripe's dispute object, kept for the evidence the shop sends. */
    openDispute(intentId: string, amount: number, reason = 'fraudulent') {
      const intent = intents.get(intentId)!;
      const dispute = {
        id: stripeId('dp'),
        object: 'dispute',
        amount,
        currency: intent.currency,
        charge: intent.latest_charge,
        payment_intent: intent.id,
        reason,
        status: 'needs_response',
        evidence: {},
      };
      disputes.set(dispute.id, dispute);
      return dispute;
    },
    /** A webhook delivery as Stripe signs it: the body and its Stripe-Signature header (timestamp in seconds). */
    sign(body: unknown, opts: { secret?: string; timestamp?: number } = {}) {
      const payload = JSON.stringify(body);
      const header = sdk.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? webhookSecret, timestamp: opts.timestamp });
      return { payload, header };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
