import type { Dispute } from '@mercato/contracts';
import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { disputable } from '../src/domain/dispute.ts';
import { disputeMachine, type DisputeStep } from '../src/domain/dispute-machine.ts';
import { paymentsService } from '../src/index.ts';

describe('dispute rules', () => {
  const captured = { status: 'CAPTURED' as const, amountCents: 5000, refundedCents: 1000, disputedCents: 0 };
  it('lets a bank dispute what is left of a capture, all of it by default', () => {
    expect(disputable(captured, undefined)).toBe(4000);
    expect(disputable(captured, 2500)).toBe(2500);
    expect(disputable(captured, 4001)).toBeNull();
    expect(disputable({ ...captured, disputedCents: 4000 }, undefined)).toBeNull();
    expect(disputable({ ...captured, status: 'DECLINED' }, 100)).toBeNull();
  });

  it('takes evidence once, and a decision only while open', () => {
    const disputeTransition = (status: Dispute['status'], step: DisputeStep) => disputeMachine.next(status, step)?.to ?? null;
    expect(disputeTransition('NEEDS_RESPONSE', 'evidence')).toBe('UNDER_REVIEW');
    expect(disputeTransition('UNDER_REVIEW', 'evidence')).toBeNull();
    expect(disputeTransition('NEEDS_RESPONSE', 'lost')).toBe('LOST');
    expect(disputeTransition('UNDER_REVIEW', 'won')).toBe('WON');
    for (const closed of ['WON', 'LOST'] as const)
      for (const s of ['evidence', 'won', 'lost'] as const) expect(disputeTransition(closed, s)).toBeNull();
  });
});

describe('disputes API', () => {
  let host: Host;
  let admin: string;
  let customer: string;
  const customerId = newId();

  beforeAll(async () => {
    host = await hostService(paymentsService);
    admin = host.tokenFor(newId(), 'admin');
    customer = host.tokenFor(customerId);
  });
  afterAll(() => host.close());

  const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    host.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
  async function paidOrder(amountCents = 4000) {
    const orderId = newId();
    await host.deliver(
      host.event('payment.requested', { orderId, customerId, amountCents, currency: 'EUR', paymentMethod: 'pm_card_visa' }),
    );
    return (await call('GET', `/api/payments?orderId=${orderId}`, customer)).json().items[0];
  }
  const open = (paymentId: string, body: object) => call('POST', `/api/admin/payments/${paymentId}/disputes`, admin, body);

  it('opens a dispute, takes evidence and, lost, takes its amount off what may be refunded', async () => {
    const payment = await paidOrder();
    const opened = await open(payment.id, { reason: 'product_not_received', amountCents: 3000, providerDisputeId: 'dp_1' });
    expect(opened.statusCode).toBe(201);
    expect(opened.json()).toMatchObject({
      status: 'NEEDS_RESPONSE',
      amountCents: 3000,
      reason: 'product_not_received',
      orderId: payment.orderId,
    });
    const second = await open(payment.id, { reason: 'fraudulent', amountCents: 500 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('dispute_open');

    const id = opened.json().id;
    expect(
      (await call('POST', `/api/admin/disputes/${id}/evidence`, admin, { text: 'Signed proof of delivery attached' })).json(),
    ).toMatchObject({
      status: 'UNDER_REVIEW',
      evidence: 'Signed proof of delivery attached',
    });
    const lost = await call('POST', `/api/admin/disputes/${id}/resolve`, admin, { outcome: 'lost' });
    expect(lost.json().history.map((h: Json) => h.status)).toEqual(['NEEDS_RESPONSE', 'UNDER_REVIEW', 'LOST']);
    expect((await call('POST', `/api/admin/disputes/${id}/resolve`, admin, { outcome: 'won' })).statusCode).toBe(409);
    expect((await call('GET', `/api/payments/${payment.id}`, customer)).json()).toMatchObject({ disputedCents: 3000, refundedCents: 0 });

    // Only what the bank did not take back can still be refunded, or disputed.
    const returnId = newId();
    await host.deliver(
      host.event('return.received', {
        returnId,
        orderId: payment.orderId,
        customerId,
        items: [{ productId: newId(), quantity: 1 }],
        refundCents: 4000,
        currency: 'EUR',
      }),
    );
    expect((await call('GET', `/api/payments/${payment.id}`, customer)).json()).toMatchObject({
      status: 'REFUNDED',
      refundedCents: 1000,
      disputedCents: 3000,
    });
    expect((await open(payment.id, { reason: 'duplicate' })).json().code).toBe('payment_not_disputable');

    const events = (await host.published()).filter((e) => e.payload.orderId === payment.orderId).map((e) => e.type);
    expect(events).toEqual(['payment.succeeded', 'payment.disputed', 'dispute.closed', 'payment.refunded']);
  });

  it('keeps a won dispute’s money, and records a repeated bank notification once', async () => {
    const payment = await paidOrder();
    const opened = await open(payment.id, { reason: 'fraudulent', providerDisputeId: 'dp_2' });
    expect(opened.json().amountCents).toBe(4000);
    await call('POST', `/api/admin/disputes/${opened.json().id}/resolve`, admin, { outcome: 'won' });
    expect((await call('GET', `/api/payments/${payment.id}`, customer)).json()).toMatchObject({ status: 'CAPTURED', disputedCents: 0 });
    expect((await open(payment.id, { reason: 'fraudulent', providerDisputeId: 'dp_2' })).statusCode).toBe(409);
  });

  it('is for admins, validates its input and knows only existing payments', async () => {
    const payment = await paidOrder();
    expect((await call('POST', `/api/admin/payments/${payment.id}/disputes`, customer, { reason: 'fraudulent' })).statusCode).toBe(403);
    expect((await call('GET', '/api/admin/disputes', customer)).statusCode).toBe(403);
    const bad = await open(payment.id, { reason: 'because', amountCents: 0 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: Json) => e.field)
        .sort(),
    ).toEqual(['body.amountCents', 'body.reason']);
    expect((await open(newId(), { reason: 'fraudulent' })).statusCode).toBe(404);
    expect((await call('POST', `/api/admin/disputes/${newId()}/evidence`, admin, { text: 'x' })).statusCode).toBe(404);
    const listed = await call('GET', '/api/admin/disputes?status=NEEDS_RESPONSE', admin);
    expect(listed.json().items.every((d: Json) => d.status === 'NEEDS_RESPONSE')).toBe(true);
  });
});
