import { describe, expect, it } from 'vitest';
import { planReturn } from '../src/domain/returnable.ts';
import { CLAIMING, returnMachine, type ReturnTrigger } from '../src/domain/return-machine.ts';
import { RETURN_STATUSES, type ReturnStatus } from '@mercato/contracts';

const DAY = 86_400_000;
const deliveredOn = Date.parse('2026-03-01T12:00:00Z');
const line = (productId: string, quantity: number, unitPriceCents: number, discountCents = 0) => ({
  productId,
  sku: `SKU-${productId}`,
  name: productId,
  quantity,
  unitPriceCents,
  lineTotalCents: quantity * unitPriceCents,
  discountCents,
});
const order = {
  status: 'DELIVERED' as const,
  currency: 'EUR',
  items: [line('a', 2, 1250), line('b', 1, 399)],
  history: [
    { status: 'CONFIRMED' as const, reason: null, at: '2026-02-27T10:00:00.000Z' },
    { status: 'SHIPPED' as const, reason: null, at: '2026-02-28T10:00:00.000Z' },
    { status: 'DELIVERED' as const, reason: null, at: new Date(deliveredOn).toISOString() },
  ],
};
const returnTransition = (status: ReturnStatus, trigger: ReturnTrigger) => returnMachine.next(status, trigger)?.to ?? null;
const none = new Map<string, { quantity: number; refundCents: number }>();

describe('what may be returned', () => {
  it('refunds the price paid for each returned item', () => {
    const plan = planReturn(
      order,
      [
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 1 },
      ],
      none,
      deliveredOn + DAY,
      30 * DAY,
    );
    expect(plan).toMatchObject({ ok: true, refundCents: 2899, currency: 'EUR' });
    if (plan.ok)
      expect(plan.lines.map((l) => [l.productId, l.refundCents])).toEqual([
        ['a', 2500],
        ['b', 399],
      ]);
  });

  it('counts what other returns claim already', () => {
    const plan = planReturn(
      order,
      [{ productId: 'a', quantity: 2 }],
      new Map([['a', { quantity: 1, refundCents: 1250 }]]),
      deliveredOn,
      30 * DAY,
    );
    expect(plan).toMatchObject({
      ok: false,
      code: 'quantity_not_returnable',
      errors: [{ field: 'body.items.0.quantity', message: 'at most 1 of this item can still be returned' }],
    });
    expect(
      planReturn(order, [{ productId: 'a', quantity: 1 }], new Map([['a', { quantity: 1, refundCents: 1250 }]]), deliveredOn, 30 * DAY).ok,
    ).toBe(true);
  });

  it('refunds what was paid after the discount, a line returned in parts adding up to it to the cent', () => {
    // 3 at 10.00 with 1.00 of the order's discount: 29.00 paid for the line.
    const discounted = { ...order, items: [line('c', 3, 1000, 100)] };
    const first = planReturn(discounted, [{ productId: 'c', quantity: 1 }], none, deliveredOn, 30 * DAY);
    expect(first).toMatchObject({ ok: true, refundCents: 966 });
    const rest = planReturn(
      discounted,
      [{ productId: 'c', quantity: 2 }],
      new Map([['c', { quantity: 1, refundCents: 966 }]]),
      deliveredOn,
      30 * DAY,
    );
    expect(rest).toMatchObject({ ok: true, refundCents: 1934 });
  });

  it('closes the window at its end, to the millisecond', () => {
    expect(planReturn(order, [{ productId: 'b', quantity: 1 }], none, deliveredOn + 30 * DAY, 30 * DAY).ok).toBe(true);
    expect(planReturn(order, [{ productId: 'b', quantity: 1 }], none, deliveredOn + 30 * DAY + 1, 30 * DAY)).toMatchObject({
      ok: false,
      code: 'return_window_closed',
    });
  });

  it('takes back nothing of an order not delivered', () => {
    for (const status of ['CONFIRMED', 'SHIPPED', 'CANCELLED'] as const)
      expect(planReturn({ ...order, status }, [{ productId: 'a', quantity: 1 }], none, deliveredOn, 30 * DAY)).toMatchObject({
        ok: false,
        code: 'order_not_returnable',
      });
  });
});

describe('the return state machine', () => {
  it('goes REQUESTED → APPROVED → RECEIVED → REFUNDED', () => {
    expect(returnTransition('REQUESTED', 'approve')).toBe('APPROVED');
    expect(returnTransition('APPROVED', 'receive')).toBe('RECEIVED');
    expect(returnTransition('RECEIVED', 'refunded')).toBe('REFUNDED');
  });

  it('lets the customer withdraw until the items are received, and staff reject only a request', () => {
    expect(RETURN_STATUSES.filter((s) => returnTransition(s, 'cancel'))).toEqual(['REQUESTED', 'APPROVED']);
    expect(RETURN_STATUSES.filter((s) => returnTransition(s, 'reject'))).toEqual(['REQUESTED']);
  });

  it('applies each step in exactly one status, so a repeated or late one is a no-op', () => {
    for (const action of ['approve', 'receive', 'refunded'] as const)
      expect(RETURN_STATUSES.filter((s) => returnTransition(s, action))).toHaveLength(1);
    for (const s of ['REJECTED', 'REFUNDED', 'CANCELLED'] as const)
      for (const action of ['approve', 'reject', 'receive', 'cancel', 'refunded'] as const) expect(returnTransition(s, action)).toBeNull();
  });

  it('lets a return claim its items from the request to the refund, not once rejected or withdrawn', () => {
    expect(CLAIMING).toEqual(['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED']);
  });
});
