import { describe, expect, it } from 'vitest';
import type { OrdersContext } from '../src/app/context.ts';
import { checkoutSaga, promotionFollowUp, SAGA_OUTCOMES } from '../src/domain/checkout-saga.ts';
import { opening, orderMachine } from '../src/domain/order-machine.ts';
import { sagaEventHandlers } from '../src/handlers/saga-events.ts';

const published = orderMachine.spec.transitions.flatMap(({ trigger, to, emits }) => (emits ? [{ trigger, to, emits }] : []));

describe("the order's machine", () => {
  it('passes the check made at start, and publishes an event on every transition but the wait for 3-D Secure', () => {
    expect(() => orderMachine.check()).not.toThrow();
    // payments' payment.action_required tells the customer's browser already; nothing else reacts to the wait.
    const silent = orderMachine.spec.transitions.filter((r) => !('emits' in r)).map((r) => r.trigger);
    expect(silent).toEqual(['payment_action_required']);
  });

  it('creates an order PENDING, or REJECTED at once for an unknown product, each with its first event', () => {
    expect(opening({ kind: 'place' })).toEqual({ status: 'PENDING', reason: null, effect: 'order.placed' });
    expect(opening({ kind: 'refuse' })).toEqual({ status: 'REJECTED', reason: 'unknown_product', effect: 'order.rejected' });
    expect(() => opening({ kind: 'cancel' })).toThrow(/does not create/);
  });

  it('offers staff and customers the actions of each status', () => {
    expect(orderMachine.triggersFrom('CONFIRMED')).toEqual(['cancel', 'ship']);
    expect(orderMachine.sources('cancel')).toEqual(['PENDING', 'AWAITING_PAYMENT', 'AWAITING_ACTION', 'CONFIRMED']);
    expect(['REJECTED', 'CANCELLED', 'DELIVERED'].every((s) => orderMachine.isTerminal(s as 'REJECTED'))).toBe(true);
  });
});

describe('the checkout saga', () => {
  it('ends CONFIRMED, REJECTED or CANCELLED', () => {
    expect(SAGA_OUTCOMES).toEqual(['CONFIRMED', 'REJECTED', 'CANCELLED']);
    const ends = checkoutSaga.steps.flatMap((s) => s.replies.filter((r) => r.ends).map((r) => r.to));
    expect(ends).toEqual(['REJECTED', 'CONFIRMED', 'CANCELLED']);
  });

  it('asks inventory with order.placed, then payments with payment.requested', () => {
    expect(checkoutSaga.steps.map((s) => [s.service, s.askedBy, s.awaitedIn])).toEqual([
      ['inventory', 'order.placed', 'PENDING'],
      ['payments', 'payment.requested', 'AWAITING_PAYMENT'],
    ]);
  });

  it("publishes, on every way into CANCELLED, the event the steps' compensations wait for", () => {
    const compensatedOn = new Set(checkoutSaga.steps.map((s) => s.compensation.on));
    const intoCancelled = published.filter((r) => r.to === 'CANCELLED');
    expect(intoCancelled.map((r) => r.trigger)).toEqual(['payment_failed', 'cancel', 'payment_timeout']);
    for (const rule of intoCancelled) expect(compensatedOn.has(rule.emits)).toBe(true);
  });

  it('frees the held promotion whenever the order fails, and uses it when it is confirmed', () => {
    for (const rule of published) {
      const failed = rule.to === 'REJECTED' || rule.to === 'CANCELLED';
      const expected = rule.to === 'CONFIRMED' ? 'discount.redeemed' : failed ? 'discount.released' : undefined;
      expect(promotionFollowUp(rule.emits), rule.trigger).toBe(expected);
    }
  });

  it('is what the orchestrator runs: one handler per reply of its steps, and the carrier delivery', () => {
    const replies = checkoutSaga.steps.flatMap((s) => s.replies.map((r) => r.event));
    expect(Object.keys(sagaEventHandlers({} as OrdersContext))).toEqual([...replies, 'shipment.delivered']);
  });
});
