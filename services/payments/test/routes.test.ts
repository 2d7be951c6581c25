import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentsService } from '../src/index.ts';
import type { Json } from '../../../test/support/json.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';

describe('payments API', () => {
  let host: Host;
  const alice = newId();
  const bob = newId();
  const orders = { aliceVisa: newId(), aliceDeclined: newId(), aliceVoided: newId(), bobVisa: newId() };
  let tokens: { alice: string; bob: string; admin: string };

  const get = (url: string, token?: string) =>
    host.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const pay = (orderId: string, customerId: string, paymentMethod: string) =>
    host.deliver(host.event('payment.requested', { orderId, customerId, amountCents: 1_999, currency: 'EUR', paymentMethod }));

  beforeAll(async () => {
    host = await hostService(paymentsService);
    tokens = { alice: host.tokenFor(alice), bob: host.tokenFor(bob), admin: host.tokenFor(newId(), 'admin') };
    await pay(orders.aliceVisa, alice, 'pm_card_visa');
    await pay(orders.aliceDeclined, alice, 'pm_card_chargeDeclined');
    await pay(orders.bobVisa, bob, 'pm_card_mastercard');
    await host.deliver(
      host.event('order.cancelled', {
        orderId: orders.aliceVoided,
        customerId: alice,
        reason: 'payment_timeout',
        previousStatus: 'PENDING',
      }),
    );
  });
  afterAll(() => host.close());

  it('needs a bearer token', async () => {
    const res = await get('/api/payments');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it("lists only the caller's payments, without voids", async () => {
    const res = await get('/api/payments', tokens.alice);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    expect(body.items.map((p: Json) => [p.orderId, p.status]).sort()).toEqual(
      [
        [orders.aliceVisa, 'CAPTURED'],
        [orders.aliceDeclined, 'DECLINED'],
      ].sort(),
    );
    const declined = body.items.find((p: Json) => p.status === 'DECLINED');
    expect(declined).toEqual({
      id: expect.any(String),
      orderId: orders.aliceDeclined,
      amountCents: 1_999,
      refundedCents: 0,
      currency: 'EUR',
      status: 'DECLINED',
      // A customer never sees the method's token or the provider's reference; the simulator reports no card.
      provider: 'simulator',
      method: null,
      providerReference: null,
      card: null,
      declineReason: 'card_declined',
      disputedCents: 0,
      risk: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it("shows nothing for another customer's order id", async () => {
    const res = await get(`/api/payments?orderId=${orders.bobVisa}`, tokens.alice);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  });

  it('shows every customer to an admin, filtered by order on request', async () => {
    expect((await get('/api/payments', tokens.admin)).json().total).toBe(3);
    const one = (await get(`/api/payments?orderId=${orders.bobVisa}`, tokens.admin)).json();
    expect(one.items).toMatchObject([{ orderId: orders.bobVisa, status: 'CAPTURED', method: 'pm_card_mastercard' }]);
  });

  it('pages', async () => {
    const body = (await get('/api/payments?page=2&pageSize=1', tokens.alice)).json();
    expect(body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(body.items).toHaveLength(1);
    expect((await get('/api/payments?page=5&pageSize=1', tokens.alice)).json()).toMatchObject({ items: [], total: 2 });
  });

  it('answers one payment to its owner and to admins, 404 to anyone else', async () => {
    const [bobs] = (await get('/api/payments', tokens.bob)).json().items;
    expect((await get(`/api/payments/${bobs.id}`, tokens.bob)).json()).toEqual(bobs);
    expect((await get(`/api/payments/${bobs.id}`, tokens.admin)).statusCode).toBe(200);
    const other = await get(`/api/payments/${bobs.id}`, tokens.alice);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
    expect((await get(`/api/payments/${bobs.id}`)).statusCode).toBe(401);
  });

  it('hides voids even from admins', async () => {
    const [voided] = await host.db.query<{ id: string }>('SELECT id FROM payments.payments WHERE order_id = $1', [orders.aliceVoided]);
    expect((await get(`/api/payments/${voided.id}`, tokens.admin)).statusCode).toBe(404);
  });

  it('rejects a bad query with a problem naming the field', async () => {
    for (const query of ['pageSize=1000', 'orderId=nope', 'page=0']) {
      const res = await get(`/api/payments?${query}`, tokens.alice);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe(`querystring.${query.split('=')[0]}`);
    }
    expect((await get('/api/payments/not-a-uuid', tokens.alice)).statusCode).toBe(400);
  });
});
