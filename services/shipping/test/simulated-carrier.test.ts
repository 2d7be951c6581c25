import { describe, expect, it } from 'vitest';
import { simulatedCarrier } from '../src/carrier/simulated.ts';
import { isValidS10, s10CheckDigit } from '../src/domain/tracking-number.ts';

const destination = { name: 'Ada', line1: '12 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
const items = [{ productId: '0190a000-0000-7000-8000-000000000001', quantity: 1 }];

describe('UPU S10 tracking numbers', () => {
  it("computes the check digit of the standard's own example, RR 47312482 9 GB", () => {
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(isValidS10('RR473124829GB')).toBe(true);
    expect(isValidS10('RR473124828GB')).toBe(false);
    expect(isValidS10('RR47312482GB')).toBe(false);
  });

  it('maps the check values 10 and 11 to 0 and 5', () => {
    expect(s10CheckDigit('02000000')).toBe(0); // 2 × 6 = 12, 11 − 12 mod 11 = 10
    expect(s10CheckDigit('00000000')).toBe(5); // 11 − 0 = 11
  });
});

describe('the simulated carrier', () => {
  it('answers a repeated label request with the same valid tracking number', async () => {
    const carrier = simulatedCarrier(0);
    const a = await carrier.createLabel({ idempotencyKey: 'label:one', destination, items });
    expect(isValidS10(a.trackingNumber)).toBe(true);
    expect(await carrier.createLabel({ idempotencyKey: 'label:one', destination, items })).toEqual(a);
    expect((await carrier.createLabel({ idempotencyKey: 'label:two', destination, items })).trackingNumber).not.toBe(a.trackingNumber);
  });

  it('moves a parcel one step of its journey per step of time, to the destination city, then stops', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const carrier = simulatedCarrier(60_000, () => now);
    const parcel = { trackingNumber: 'MP000000005XX', labelCreatedAt: new Date(now).toISOString(), destinationCity: 'London' };
    const at = async (ms: number) => {
      now = Date.parse(parcel.labelCreatedAt) + ms;
      return (await carrier.track([parcel])).get(parcel.trackingNumber)!;
    };
    expect(await at(59_999)).toEqual([]);
    expect((await at(60_000)).map((s) => s.status)).toEqual(['IN_TRANSIT']);
    const all = await at(10 * 60_000);
    expect(all.map((s) => s.status)).toEqual(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(all.at(-1)).toMatchObject({ location: 'London', at: '2026-01-01T00:03:00.000Z', id: 'MP000000005XX:3' });
    expect(await at(20 * 60_000)).toEqual(all);
  });

  it('with a step of 0, reports nothing: every scan comes from the tracking API', async () => {
    const carrier = simulatedCarrier(0);
    const parcel = { trackingNumber: 'MP000000005XX', labelCreatedAt: '2020-01-01T00:00:00Z', destinationCity: 'Paris' };
    expect((await carrier.track([parcel])).get(parcel.trackingNumber)).toEqual([]);
  });
});
