import { newId, PoisonEventError } from '@mercato/kernel';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPaymentsService, type PaymentProvider } from '../src/index.ts';
import { simulatedProvider } from '../src/provider/simulated.ts';
import type { Json } from '../../../test/support/json.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';

/** The simulated gateway, counting the calls that would move money and able to fail like a network. */
function testProvider() {
  const inner = simulatedProvider();
  const state = { calls: { charge: 0, refund: 0 }, down: false };
  const provider: PaymentProvider = {
    ...inner,
    async charge(req) {
      if (state.down) throw new Error('gateway timeout');
      state.calls.charge++;
      return inner.charge(req);
    },
    async refund(req) {
      state.calls.refund++;
      return inner.refund(req);
    },
  };
  return { provider, state };
}

describe('payments handlers', () => {
  let host: Host;
  const { provider, state } = testProvider();
  const calls = state.calls;
  const customerId = newId();

  beforeAll(async () => {
    host = await hostService(createPaymentsService(provider));
  });
  afterAll(() => host.close());
  beforeEach(() => {
    calls.charge = 0;
    calls.refund = 0;
    state.down = false;
  });
  const published = async (orderId: string) => (await host.published()).filter((e) => e.payload.orderId === orderId);

  const requested = (orderId: string, paymentMethod = 'pm_card_visa', amountCents = 4_250) =>
    host.event('payment.requested', { orderId, customerId, amountCents, currency: 'EUR', paymentMethod });
  const cancelled = (orderId: string) =>
    host.event('order.cancelled', { orderId, customerId, reason: 'customer_cancelled', previousStatus: 'CONFIRMED' });
  const rows = (orderId: string) => host.db.query<Json>('SELECT * FROM payments.payments WHERE order_id = $1', [orderId]);

  it('captures a good card and reports it under the cause event correlation', async () => {
    const orderId = newId();
    const event = requested(orderId);
    await host.deliver(event);
    const [row] = await rows(orderId);
    expect(row).toMatchObject({ status: 'CAPTURED', amount_cents: 4_250, refunded_cents: 0, currency: 'EUR', method: 'pm_card_visa' });
    expect(row.charge_id).toMatch(/^ch_/);
    const [succeeded] = await published(orderId);
    expect(succeeded).toMatchObject({
      type: 'payment.succeeded',
      correlationId: event.correlationId,
      causationId: event.id,
      payload: { orderId, paymentId: row.id, amountCents: 4_250, currency: 'EUR' },
    });
  });

  it('charges once when the same event is delivered twice', async () => {
    const orderId = newId();
    const event = requested(orderId);
    await host.deliver(event);
    await host.deliver(event);
    expect(await rows(orderId)).toHaveLength(1);
    expect(await published(orderId)).toHaveLength(1);
    expect(calls.charge).toBe(1);
  });

  it('charges once when the order asks twice under different event ids', async () => {
    const orderId = newId();
    await host.deliver(requested(orderId));
    await host.deliver(requested(orderId));
    expect(await rows(orderId)).toHaveLength(1);
    expect(await published(orderId)).toHaveLength(1);
    expect(calls.charge).toBe(1);
  });

  it('records a declined card and reports the reason', async () => {
    const orderId = newId();
    await host.deliver(requested(orderId, 'pm_card_chargeDeclined'));
    const [row] = await rows(orderId);
    expect(row).toMatchObject({ status: 'DECLINED', decline_reason: 'card_declined', charge_id: null });
    expect((await published(orderId)).map((e) => [e.type, e.payload])).toEqual([
      ['payment.failed', { orderId, paymentId: row.id, reason: 'card_declined' }],
    ]);
  });

  it('reports insufficient funds', async () => {
    const orderId = newId();
    await host.deliver(requested(orderId, 'pm_card_insufficientFunds'));
    expect((await published(orderId))[0].payload.reason).toBe('insufficient_funds');
  });

  it('refunds a captured payment when its order is cancelled, once', async () => {
    const orderId = newId();
    await host.deliver(requested(orderId));
    await host.deliver(cancelled(orderId));
    await host.deliver(cancelled(orderId));
    const [row] = await rows(orderId);
    expect(row).toMatchObject({ status: 'REFUNDED', refunded_cents: 4_250 });
    expect(row.refund_id).toMatch(/^re_/);
    const events = await published(orderId);
    expect(events.map((e) => e.type)).toEqual(['payment.succeeded', 'payment.refunded']);
    expect(events[1].payload).toEqual({ orderId, paymentId: row.id, customerId, amountCents: 4_250, currency: 'EUR' });
    expect(calls.refund).toBe(1);
  });

  it('refunds a return once, even when its event comes again under another id, and never past the capture', async () => {
    const orderId = newId();
    await host.deliver(requested(orderId));
    const received = (returnId: string, refundCents: number) =>
      host.event('return.received', {
        returnId,
        orderId,
        customerId,
        items: [{ productId: newId(), quantity: 1 }],
        refundCents,
        currency: 'EUR',
      });
    const first = newId();
    await host.deliver(received(first, 1_000));
    await host.deliver(received(first, 1_000));
    expect(await rows(orderId)).toMatchObject([{ status: 'PARTIALLY_REFUNDED', refunded_cents: 1_000 }]);
    await host.deliver(received(newId(), 9_000));
    expect(await rows(orderId)).toMatchObject([{ status: 'REFUNDED', refunded_cents: 4_250 }]);
    const refunds = (await published(orderId)).filter((e) => e.type === 'payment.refunded');
    expect(refunds.map((e) => [e.payload.returnId, e.payload.amountCents])).toEqual([
      [first, 1_000],
      [expect.any(String), 3_250],
    ]);
    expect(calls.refund).toBe(2);
  });

  it('never charges an order whose cancellation arrived first', async () => {
    const orderId = newId();
    await host.deliver(cancelled(orderId));
    await host.deliver(requested(orderId));
    expect(await rows(orderId)).toMatchObject([{ status: 'VOIDED', amount_cents: 0 }]);
    expect(await published(orderId)).toEqual([]);
    expect(calls.charge).toBe(0);
  });

  it('has nothing to undo for a declined payment', async () => {
    const orderId = newId();
    await host.deliver(requested(orderId, 'pm_card_chargeDeclined'));
    await host.deliver(cancelled(orderId));
    expect(await rows(orderId)).toMatchObject([{ status: 'DECLINED' }]);
    expect((await published(orderId)).map((e) => e.type)).toEqual(['payment.failed']);
    expect(calls.refund).toBe(0);
  });

  it('declines a payment method the gateway does not know instead of failing the event', async () => {
    const orderId = newId();
    await host.deliver(requested(orderId, 'pm_card_unknown'));
    expect(await rows(orderId)).toMatchObject([{ status: 'DECLINED', decline_reason: 'invalid_payment_method' }]);
  });

  it('sends an event whose payload breaks its contract to dead letters', async () => {
    const event = requested(newId());
    await expect(host.deliver({ ...event, payload: { ...event.payload, amountCents: -1 } })).rejects.toBeInstanceOf(PoisonEventError);
  });

  it('leaves no trace when the gateway fails, so the redelivery charges', async () => {
    const orderId = newId();
    const event = requested(orderId);
    state.down = true;
    await expect(host.deliver(event)).rejects.toThrow('gateway timeout');
    expect(await rows(orderId)).toEqual([]);
    expect(await host.db.query('SELECT 1 FROM payments.inbox WHERE event_id = $1', [event.id])).toEqual([]);
    state.down = false;
    await host.deliver(event);
    expect(await rows(orderId)).toMatchObject([{ status: 'CAPTURED' }]);
  });
});
