import { describe, expect, it } from 'vitest';
import { windowAt } from '@mercato/kernel';
import { accountVerdict, addressVerdict, lockDelayMs, startsLockout } from '../src/domain/throttle.ts';

const policy = { freeFailures: 5, firstDelayMs: 1_000, maxDelayMs: 15 * 60_000 };

describe('lockDelayMs', () => {
  it('lets the free failures pass, then doubles the delay with each further failure up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => lockDelayMs(n, policy))).toEqual([0, 0, 0, 0, 0]);
    expect([6, 7, 8, 9].map((n) => lockDelayMs(n, policy))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(lockDelayMs(20, policy)).toBe(15 * 60_000);
    expect(lockDelayMs(10_000, policy)).toBe(15 * 60_000);
  });

  it('starts a lockout on the first failure past the free ones only', () => {
    expect([5, 6, 7, 30].map((n) => startsLockout(n, policy))).toEqual([false, true, false, false]);
  });
});

describe('accountVerdict', () => {
  it('refuses until the lock ends, telling how long is left', () => {
    expect(accountVerdict(null, 1_000)).toEqual({ allowed: true });
    expect(accountVerdict(5_000, 1_000)).toEqual({ allowed: false, retryAfterMs: 4_000 });
    expect(accountVerdict(5_000, 5_000)).toEqual({ allowed: true });
  });
});

describe('addressVerdict', () => {
  const budget = { max: 20, windowMs: 15 * 60_000 };

  it('allows an address until it has spent its budget, then refuses until the window ends', () => {
    const now = windowAt(0, budget.windowMs).endsAt * 3 + 60_000;
    expect(addressVerdict(19, budget, now)).toEqual({ allowed: true });
    expect(addressVerdict(20, budget, now)).toEqual({ allowed: false, retryAfterMs: budget.windowMs - 60_000 });
  });

  it('never refuses when the budget is 0 (off)', () => {
    expect(addressVerdict(1_000, { max: 0, windowMs: 1_000 }, 0)).toEqual({ allowed: true });
  });
});
