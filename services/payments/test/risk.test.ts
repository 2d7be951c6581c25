import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { assessRisk } from '../src/domain/risk.ts';
import { createPaymentsService, simulatedProvider, type PaymentProvider } from '../src/index.ts';

const thresholds = { velocityPerHour: 10, declinesPerHour: 3, largeAmountCents: 100_000, blockScore: 70 };
const quiet = { amountCents: 2_000, paymentsLastHour: 1, declinesLastHour: 0, paidBefore: true };

describe('fraud screening', () => {
  it('lets an ordinary charge through with no signal', () => {
    expect(assessRisk(quiet, thresholds)).toEqual({ score: 0, reasons: [], blocked: false });
  });

  it('never blocks on one signal alone, and blocks on two', () => {
    expect(assessRisk({ ...quiet, paymentsLastHour: 10 }, thresholds)).toEqual({ score: 50, reasons: ['velocity'], blocked: false });
    expect(assessRisk({ ...quiet, amountCents: 100_000 }, thresholds).blocked).toBe(false);
    expect(assessRisk({ ...quiet, paymentsLastHour: 12, declinesLastHour: 3 }, thresholds)).toEqual({
      score: 90,
      reasons: ['velocity', 'repeated_declines'],
      blocked: true,
    });
    expect(assessRisk({ ...quiet, amountCents: 100_000, paidBefore: false }, thresholds)).toEqual({
      score: 50,
      reasons: ['large_amount', 'large_first_purchase'],
      blocked: false,
    });
    expect(assessRisk({ ...quiet, amountCents: 100_000, paidBefore: false, declinesLastHour: 3 }, thresholds).score).toBe(90);
  });
});

describe('a charge screened before the provider', () => {
  let host: Host;
  let charges = 0;
  const inner = simulatedProvider();
  const provider: PaymentProvider = { ...inner, charge: (r) => (charges++, inner.charge(r)) };

  beforeAll(async () => {
    host = await hostService(createPaymentsService(provider), { env: { FRAUD_VELOCITY_PER_HOUR: '2', FRAUD_DECLINES_PER_HOUR: '2' } });
  });
  afterAll(() => host.close());

  const pay = async (customerId: string, paymentMethod: string) => {
    const orderId = newId();
    await host.deliver(host.event('payment.requested', { orderId, customerId, amountCents: 1_500, currency: 'EUR', paymentMethod }));
    return orderId;
  };

  it('declines as fraud_suspected, without asking the bank, the card a customer tries after two declines', async () => {
    const tester = newId();
    await pay(tester, 'pm_card_chargeDeclined');
    await pay(tester, 'pm_card_insufficientFunds');
    const before = charges;
    const orderId = await pay(tester, 'pm_card_visa');
    expect(charges).toBe(before);
    const failed = (await host.published()).find((e) => e.type === 'payment.failed' && e.payload.orderId === orderId);
    expect(failed?.payload.reason).toBe('fraud_suspected');

    const get = (token: string) =>
      host.app.inject({ method: 'GET', url: `/api/payments?orderId=${orderId}`, headers: { authorization: `Bearer ${token}` } });
    expect((await get(host.tokenFor(newId(), 'admin'))).json().items[0]).toMatchObject({
      status: 'DECLINED',
      declineReason: 'fraud_suspected',
      risk: { score: 90, reasons: ['velocity', 'repeated_declines'] },
    });
    expect((await get(host.tokenFor(tester))).json().items[0].risk).toBeNull();

    // Another customer is judged on their own history.
    const other = await pay(newId(), 'pm_card_visa');
    expect((await host.published()).find((e) => e.payload.orderId === other)?.type).toBe('payment.succeeded');
  });
});
