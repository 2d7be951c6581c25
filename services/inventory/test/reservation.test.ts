import { describe, expect, it } from 'vitest';
import { settlement } from '../src/domain/reservation-machine.ts';
import { canSetOnHand, planReservation } from '../src/domain/reservation.ts';

const p1 = '0190a000-0000-7000-8000-000000000001';
const p2 = '0190a000-0000-7000-8000-000000000002';

describe('reservation rules', () => {
  it('reserves when every line fits in available stock (on hand minus reserved)', () => {
    expect(planReservation([{ productId: p1, quantity: 2 }], [{ productId: p1, onHand: 5, reserved: 3 }])).toEqual({ ok: true });
  });

  it('rejects the whole order when one line does not fit, naming the short products', () => {
    const plan = planReservation(
      [
        { productId: p1, quantity: 1 },
        { productId: p2, quantity: 4 },
      ],
      [
        { productId: p1, onHand: 10, reserved: 0 },
        { productId: p2, onHand: 5, reserved: 2 },
      ],
    );
    expect(plan).toEqual({ ok: false, reason: 'insufficient_stock', productIds: [p2] });
  });

  it('treats a product never stocked as out of stock', () => {
    expect(planReservation([{ productId: p1, quantity: 1 }], [])).toMatchObject({ ok: false, productIds: [p1] });
  });

  it('commits a held reservation: on-hand and reserved both drop', () => {
    expect(settlement('RESERVED', 'order.confirmed')).toEqual({ status: 'COMMITTED', onHand: -1, reserved: -1 });
    expect(settlement('COMMITTED', 'order.confirmed')).toBeNull();
    expect(settlement('RELEASED', 'order.confirmed')).toBeNull();
    expect(settlement(null, 'order.confirmed')).toBeNull();
  });

  it('releases a held reservation, and restocks a committed one when the order is cancelled', () => {
    expect(settlement('RESERVED', 'order.cancelled')).toEqual({ status: 'RELEASED', onHand: 0, reserved: -1 });
    expect(settlement('COMMITTED', 'order.cancelled')).toEqual({ status: 'RESTOCKED', onHand: 1, reserved: 0 });
    expect(settlement('REJECTED', 'order.cancelled')).toBeNull();
    expect(settlement('RELEASED', 'order.cancelled')).toBeNull();
  });

  it('never lets on-hand fall below what is reserved', () => {
    expect(canSetOnHand(3, 3)).toBe(true);
    expect(canSetOnHand(2, 3)).toBe(false);
  });
});
