import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import type { SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { paymentsService } from '../src/index.ts';

/** Payments alone, with the simulated provider: orders ask for payment as the saga's event. */
let host: Host;
let alice: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  host = await hostService(paymentsService);
  [alice, bob] = [host.signedIn(), host.signedIn()];
});
afterAll(() => host?.close());

const paymentsOf = async (token: string, orderId: string) =>
  (await host.call('GET', `/api/payments?orderId=${orderId}`, { token })).body.items;

/** An order of the customer's that orders asked payments to charge (2 × 12.50 by a good card). */
async function settledOrder(customer: SignedIn) {
  const order = { id: newId() };
  await host.receive('payment.requested', {
    orderId: order.id,
    customerId: customer.id,
    amountCents: 2_500,
    currency: 'EUR',
    paymentMethod: 'pm_card_visa',
  });
  return order;
}

describe('payments access', () => {
  it("shows a customer only their own payments, an admin everyone's", async () => {
    const order = await settledOrder(alice);
    const [payment] = await paymentsOf(alice.token, order.id);
    expect(await paymentsOf(bob.token, order.id)).toEqual([]);
    expect((await host.call('GET', `/api/payments/${payment.id}`, { token: bob.token })).status).toBe(404);
    // The admin sees the same payment, how the fraud screening judged it, the method and the provider's reference.
    const staffView = (await host.call('GET', `/api/payments/${payment.id}`, { token: host.adminToken })).body;
    expect(staffView).toEqual({
      ...payment,
      risk: { score: 0, reasons: [] },
      method: 'pm_card_visa',
      providerReference: expect.stringMatching(/^ch_/),
    });
    expect(payment).toMatchObject({ risk: null, method: null, providerReference: null, provider: 'simulator' });
    const bobs = (await host.call('GET', '/api/payments?pageSize=100', { token: bob.token })).body;
    expect(bobs.items.some((p: Json) => p.orderId === order.id)).toBe(false);
  });

  it('needs a token and a valid query', async () => {
    expect((await host.call('GET', '/api/payments')).status).toBe(401);
    const bad = await host.call('GET', '/api/payments?orderId=42', { token: alice.token });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('querystring.orderId');
  });
});
