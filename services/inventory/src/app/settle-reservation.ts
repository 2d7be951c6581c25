import type { Tx } from '@mercato/kernel';
import { findReservation, insertReservation, settleReservation } from '../db/stock-repo.ts';
import { settlement, type ReservationOutcome } from '../domain/reservation-machine.ts';

/** Moves an order's reservation by the table and changes its stock with it; what commit and release share. */
export async function settle(tx: Tx, orderId: string, outcome: ReservationOutcome): Promise<void> {
  const reservation = await findReservation(tx, orderId);
  const effect = settlement(reservation?.status ?? null, outcome);
  if (effect && reservation) {
    await settleReservation(tx, orderId, effect.status, reservation.lines, effect);
  } else if (!reservation) {
    // The outcome overtook order.placed: leave a tombstone so the late placement reserves nothing.
    await insertReservation(tx, orderId, 'RELEASED', []);
  }
}
