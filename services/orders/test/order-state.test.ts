import { describe, expect, it } from 'vitest';
import { actionsIn } from '../src/app/order-view.ts';
import { awaitedIn, transition, type OrderTrigger } from '../src/domain/order-machine.ts';
import { ORDER_STATUSES, type OrderStatus } from '@mercato/contracts';

describe('order state machine', () => {
  it('walks the happy path PENDING → AWAITING_PAYMENT → CONFIRMED, requesting payment then confirming', () => {
    expect(transition('PENDING', { kind: 'stock_reserved' })).toEqual({
      status: 'AWAITING_PAYMENT',
      reason: null,
      effect: 'payment.requested',
    });
    expect(transition('AWAITING_PAYMENT', { kind: 'payment_succeeded' })).toEqual({
      status: 'CONFIRMED',
      reason: null,
      effect: 'order.confirmed',
    });
  });

  it('rejects for lack of stock only while pending', () => {
    expect(transition('PENDING', { kind: 'stock_rejected', reason: 'insufficient_stock' })).toEqual({
      status: 'REJECTED',
      reason: 'insufficient_stock',
      effect: 'order.rejected',
    });
    expect(transition('AWAITING_PAYMENT', { kind: 'stock_rejected', reason: 'insufficient_stock' })).toBeNull();
  });

  it('cancels a declined payment with the reason payment_declined', () => {
    expect(transition('AWAITING_PAYMENT', { kind: 'payment_failed' })).toEqual({
      status: 'CANCELLED',
      reason: 'payment_declined',
      effect: 'order.cancelled',
    });
  });

  it('lets customers cancel until the order is final, and confirmed orders too (before shipment)', () => {
    const cancel: OrderTrigger = { kind: 'cancel', reason: 'customer_cancelled' };
    for (const s of ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED'] as const) expect(transition(s, cancel)?.status).toBe('CANCELLED');
    for (const s of ['REJECTED', 'CANCELLED'] as const) expect(transition(s, cancel)).toBeNull();
  });

  it('times out only orders that are still open', () => {
    expect(transition('PENDING', { kind: 'payment_timeout' })?.reason).toBe('payment_timeout');
    expect(transition('AWAITING_PAYMENT', { kind: 'payment_timeout' })?.reason).toBe('payment_timeout');
    expect(transition('CONFIRMED', { kind: 'payment_timeout' })).toBeNull();
  });

  it('never leaves a terminal state on a saga event (late or redelivered events are no-ops)', () => {
    const sagaEvents: OrderTrigger[] = [
      { kind: 'stock_reserved' },
      { kind: 'stock_rejected', reason: 'insufficient_stock' },
      { kind: 'payment_succeeded' },
      { kind: 'payment_failed' },
      { kind: 'payment_timeout' },
    ];
    for (const s of ['CONFIRMED', 'REJECTED', 'CANCELLED', 'SHIPPED', 'DELIVERED'] as OrderStatus[])
      for (const e of sagaEvents) expect(transition(s, e), `${s} + ${e.kind}`).toBeNull();
  });

  it('ships only a confirmed order, and delivers only a shipped one, telling the other services each time', () => {
    expect(transition('CONFIRMED', { kind: 'ship' })).toEqual({ status: 'SHIPPED', reason: null, effect: 'order.shipped' });
    expect(transition('SHIPPED', { kind: 'delivered' })).toEqual({ status: 'DELIVERED', reason: null, effect: 'order.delivered' });
    expect(ORDER_STATUSES.filter((s) => transition(s, { kind: 'ship' }) !== null)).toEqual(['CONFIRMED']);
    expect(ORDER_STATUSES.filter((s) => transition(s, { kind: 'delivered' }) !== null)).toEqual(['SHIPPED']);
  });

  it('cannot cancel an order whose parcel has left: it is returned instead', () => {
    for (const s of ['SHIPPED', 'DELIVERED'] as const) {
      expect(transition(s, { kind: 'cancel', reason: 'customer_cancelled' })).toBeNull();
      expect(transition(s, { kind: 'cancel', reason: 'admin_cancelled' })).toBeNull();
    }
  });

  it('never skips a step: payment outcomes do not apply to a pending order', () => {
    expect(transition('PENDING', { kind: 'payment_succeeded' })).toBeNull();
    expect(transition('PENDING', { kind: 'payment_failed' })).toBeNull();
    expect(ORDER_STATUSES).toContain('PENDING');
  });

  it('applies each saga reply only in the statuses that await it', () => {
    const replies: OrderTrigger[] = [
      { kind: 'stock_reserved' },
      { kind: 'stock_rejected', reason: 'unknown_product' },
      { kind: 'payment_action_required' },
      { kind: 'delivered' },
    ];
    for (const reply of replies) {
      expect(ORDER_STATUSES.filter((s) => transition(s, reply) !== null)).toEqual([awaitedIn(reply)]);
    }
    // A payment's outcome comes at once, or after the customer confirmed it (3-D Secure).
    for (const kind of ['payment_succeeded', 'payment_failed'] as const) {
      expect(ORDER_STATUSES.filter((s) => transition(s, { kind }) !== null)).toEqual(['AWAITING_PAYMENT', 'AWAITING_ACTION']);
    }
  });
});

describe('what a screen may offer', () => {
  it('is read from the table: cancel until the order ships, ship once it is confirmed, nothing after', () => {
    expect(actionsIn('PENDING')).toEqual(['cancel']);
    expect(actionsIn('CONFIRMED')).toEqual(['cancel', 'ship']);
    expect(actionsIn('SHIPPED')).toEqual([]);
    expect(actionsIn('DELIVERED')).toEqual([]);
    expect(actionsIn('CANCELLED')).toEqual([]);
  });
});
