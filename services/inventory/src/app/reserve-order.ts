import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { EventEnvelope, Outbox, Tx } from '@mercato/kernel';
import { insertReservation, lockStock } from '../db/stock-repo.ts';
import { STOCK_CHANGE } from '../domain/reservation-machine.ts';
import { planReservation } from '../domain/reservation.ts';

/**
 * Reserves every line of a placed order or none, then answers orders with the outcome. An order that
 * already has a reservation (the tombstone of an outcome that overtook it) gets no answer.
 */
export async function reserveOrder(
  outbox: Outbox<EventSchemas>,
  tx: Tx,
  placed: EventEnvelope<EventPayload<'order.placed'>>,
): Promise<void> {
  const { orderId, items } = placed.payload;
  const lines = items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
  const plan = planReservation(
    lines,
    await lockStock(
      tx,
      lines.map((l) => l.productId),
    ),
  );
  if (!plan.ok) {
    if (await insertReservation(tx, orderId, 'REJECTED', lines, STOCK_CHANGE.REJECTED)) {
      outbox.emit(tx, 'inventory.rejected', orderId, { orderId, reason: plan.reason, productIds: plan.productIds }, placed);
    }
  } else if (await insertReservation(tx, orderId, 'RESERVED', lines, STOCK_CHANGE.RESERVED)) {
    outbox.emit(tx, 'inventory.reserved', orderId, { orderId }, placed);
  }
}
