import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../../services/payments/test/fake-stripe.ts';
import { placeOrder, settled, stockedProduct } from '../support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../support/shop.ts';

/**
 * The whole shop taking money through Stripe (a local server speaking its API): the order waits for
 * the customer while the card's bank asks for 3-D Secure, and Stripe's webhook, which reaches the
 * gateway without a user token, lets the saga go on.
 */
let fake: FakeStripe;
let shop: TestShop;
let alice: Customer;

beforeAll(async () => {
  fake = await startFakeStripe();
  shop = await startShop(fake.env);
  alice = await shop.registerCustomer();
});
afterAll(async () => {
  await shop?.stop();
  await fake?.close();
});

const orderOf = async (orderId: string) => (await shop.call('GET', `/api/orders/${orderId}`, { token: alice.token })).body;

async function placed(paymentMethod: string) {
  const productId = await stockedProduct(shop, 5, 1_200);
  const res = await placeOrder(shop, alice.token, [{ productId, quantity: 2 }], { paymentMethod });
  expect(res.status).toBe(202);
  return res.body.id as string;
}

describe('checkout with Stripe', () => {
  it('offers Stripe to the checkout through the gateway', async () => {
    expect((await shop.call('GET', '/api/payments/methods')).body).toEqual({
      providers: [{ name: 'stripe', publishableKey: 'pk_test_fake' }],
    });
  });

  it('waits for the customer when the card needs 3-D Secure, and confirms the order once the webhook says it succeeded', async () => {
    const orderId = await placed('pm_1FakeThreeDSecureCard3220');
    await shop.waitFor(async () => (await orderOf(orderId)).status === 'AWAITING_ACTION');
    const secret = await shop.call('POST', `/api/payments/orders/${orderId}/client-secret`, { token: alice.token });
    const intent = fake.intentOf(orderId)!;
    expect(secret.body).toMatchObject({ status: 'REQUIRES_ACTION', clientSecret: intent.client_secret });

    const { payload, header } = fake.sign(fake.completeAction(intent.id, 'succeeded'));
    const delivered = await shop.call('POST', '/api/payments/webhooks/stripe', {
      body: payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
    });
    expect(delivered.status).toBe(200);
    const order = await settled(shop, alice.token, orderId);
    expect(order.status).toBe('CONFIRMED');
    expect(order.history.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'AWAITING_ACTION', 'CONFIRMED']);
    const [payment] = (await shop.call('GET', `/api/payments?orderId=${orderId}`, { token: alice.token })).body.items;
    expect(payment).toMatchObject({ status: 'CAPTURED', amountCents: intent.amount, card: { brand: 'visa', last4: '3220' }, method: null });
  });

  it('cancels the order of a declined card', async () => {
    const order = await settled(shop, alice.token, await placed('pm_1FakeDeclinedCard0002'));
    expect(order).toMatchObject({ status: 'CANCELLED', statusReason: 'payment_declined' });
  });

  it('refuses a forged webhook at the gateway, changing nothing', async () => {
    const orderId = await placed('pm_1FakeThreeDSecureCard3220');
    await shop.waitFor(async () => (await orderOf(orderId)).status === 'AWAITING_ACTION');
    const { payload, header } = fake.sign(fake.completeAction(fake.intentOf(orderId)!.id, 'succeeded'), { secret: 'whsec_guess' });
    const forged = await shop.call('POST', '/api/payments/webhooks/stripe', {
      body: payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
    });
    expect(forged.status).toBe(400);
    expect((await orderOf(orderId)).status).toBe('AWAITING_ACTION');
  });
});
