import { defineStateMachine } from '@mercato/kernel';
import type { StockChange } from './reservation.ts';

/**
 * A reservation's lifecycle. It starts RESERVED (every line held) or REJECTED (none), or RELEASED as the
 * tombstone an order's outcome leaves when it overtakes the placement. Its status only moves forward,
 * so a late or repeated outcome finds no transition and changes nothing.
 */
export const reservationMachine = defineStateMachine({
  name: 'reservation',
  states: ['RESERVED', 'REJECTED', 'COMMITTED', 'RELEASED', 'RESTOCKED'],
  initial: ['RESERVED', 'REJECTED', 'RELEASED'],
  terminal: ['REJECTED', 'RELEASED', 'RESTOCKED'],
  triggers: ['order.confirmed', 'order.cancelled'],
  transitions: [
    { trigger: 'order.confirmed', from: ['RESERVED'], to: 'COMMITTED' },
    { trigger: 'order.cancelled', from: ['RESERVED'], to: 'RELEASED' },
    { trigger: 'order.cancelled', from: ['COMMITTED'], to: 'RESTOCKED' },
  ],
});

type Spec = typeof reservationMachine.spec;
export type ReservationStatus = Spec['states'][number];
export type ReservationOutcome = Spec['triggers'][number];

/**
 * What entering each state does to every line's stock. A tombstone is RELEASED with no lines, so it
 * changes nothing either.
 */
export const STOCK_CHANGE: Record<ReservationStatus, StockChange> = {
  RESERVED: { onHand: 0, reserved: 1 },
  REJECTED: { onHand: 0, reserved: 0 },
  COMMITTED: { onHand: -1, reserved: -1 },
  RELEASED: { onHand: 0, reserved: -1 },
  RESTOCKED: { onHand: 1, reserved: 0 },
};

export type StockEffect = { status: ReservationStatus } & StockChange;

/** What an order's outcome does to its reservation; null when nothing (already settled, or never reserved). */
export function settlement(status: ReservationStatus | null, outcome: ReservationOutcome): StockEffect | null {
  const rule = status && reservationMachine.next(status, outcome);
  return rule ? { status: rule.to, ...STOCK_CHANGE[rule.to] } : null;
}
