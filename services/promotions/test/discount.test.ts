import type { Promotion } from '@mercato/contracts';
import { describe, expect, it } from 'vitest';
import { discountFor, withinLimits } from '../src/domain/discount.ts';

const base: Promotion = {
  id: '0190a000-0000-7000-8000-000000000001',
  code: 'SPRING',
  description: null,
  kind: 'percent',
  percentOff: 15,
  amountOffCents: null,
  currency: null,
  minSubtotalCents: 0,
  startsAt: '2026-03-01T00:00:00.000Z',
  endsAt: '2026-04-01T00:00:00.000Z',
  maxRedemptions: 2,
  perCustomerLimit: 1,
  active: true,
  redemptions: 0,
  createdAt: '2026-02-01T00:00:00.000Z',
};
const march = Date.parse('2026-03-15T00:00:00Z');

describe('what a promotion takes off', () => {
  it('takes a percentage to the nearest cent, or a fixed amount never beyond the subtotal', () => {
    expect(discountFor(base, 3333, 'EUR', march)).toEqual({ ok: true, discountCents: 500 });
    expect(discountFor(base, 3330, 'EUR', march)).toEqual({ ok: true, discountCents: 500 });
    const fixed = { ...base, kind: 'fixed' as const, percentOff: null, amountOffCents: 1000, currency: 'EUR' };
    expect(discountFor(fixed, 2500, 'EUR', march)).toEqual({ ok: true, discountCents: 1000 });
    expect(discountFor(fixed, 700, 'EUR', march)).toEqual({ ok: true, discountCents: 700 });
    expect(discountFor(fixed, 2500, 'USD', march)).toMatchObject({ ok: false, message: 'This code applies to orders in EUR' });
  });

  it('applies from its start to just before its end, only while active, from its minimum subtotal on', () => {
    expect(discountFor(base, 1000, 'EUR', Date.parse('2026-03-01T00:00:00Z')).ok).toBe(true);
    expect(discountFor(base, 1000, 'EUR', Date.parse('2026-02-28T23:59:59Z'))).toMatchObject({
      ok: false,
      message: 'This code is not valid yet',
    });
    expect(discountFor(base, 1000, 'EUR', Date.parse('2026-04-01T00:00:00Z'))).toMatchObject({
      ok: false,
      message: 'This code has expired',
    });
    expect(discountFor({ ...base, active: false }, 1000, 'EUR', march)).toMatchObject({ ok: false, message: 'This code is not valid' });
    expect(discountFor({ ...base, minSubtotalCents: 5000 }, 4999, 'EUR', march)).toMatchObject({
      ok: false,
      message: 'This code needs a subtotal of at least €50.00',
    });
    expect(discountFor({ ...base, minSubtotalCents: 5000 }, 5000, 'EUR', march).ok).toBe(true);
  });

  it('stops at its overall limit and at each customer’s', () => {
    expect(withinLimits(base, 0)).toBeNull();
    expect(withinLimits({ ...base, redemptions: 2 }, 0)?.message).toBe('This code has been used up');
    expect(withinLimits(base, 1)?.message).toBe('You have used this code already');
    expect(withinLimits({ ...base, perCustomerLimit: 3, maxRedemptions: null, redemptions: 1000 }, 2)).toBeNull();
  });
});
