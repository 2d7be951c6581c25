import { describe, expect, it } from 'vitest';
import { allocate, fingerprint, money, multiply, parseDuration, sum } from '../src/index.ts';

describe('money', () => {
  it('allocates an amount in proportion, in whole cents that add up to it exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(500, [2500, 999])).toEqual([357, 143]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
    for (const [amount, weights] of [
      [999, [3, 7, 11, 13]],
      [1, [1, 1, 1, 1]],
      [12345, [1]],
    ] as const)
      expect(allocate(amount, weights).reduce((a, b) => a + b, 0)).toBe(amount);
  });

  it('reads days in durations', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
  });

  it('multiplies and sums integer minor units exactly', () => {
    expect(multiply(money(1999, 'EUR'), 3)).toEqual({ amountCents: 5997, currency: 'EUR' });
    expect(sum([money(10, 'EUR'), money(20, 'EUR')])).toEqual({ amountCents: 30, currency: 'EUR' });
  });

  it('rejects fractional cents, bad currency codes and mixed currencies', () => {
    expect(() => money(10.5, 'EUR')).toThrow();
    expect(() => money(10, 'eur')).toThrow();
    expect(() => sum([money(10, 'EUR'), money(10, 'USD')])).toThrow(/cannot add/);
  });
});

describe('fingerprint', () => {
  it('ignores key order but not values', () => {
    expect(fingerprint({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(fingerprint({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });
});

describe('durations', () => {
  it('reads the units people type', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('250')).toBe(250);
    expect(() => parseDuration('soon')).toThrow();
  });
});
