import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, EventHandler, ServiceContext, Tx } from '@mercato/kernel';
import { onOrderCancelled, onOrderConfirmed, planReservation, type StockEffect } from '../domain/reservation.ts';
import { adjustStock, findReservation, insertReservation, lockStock, setReservationStatus } from '../db/stock-repo.ts';

/** Reserves every line of a placed order or none, then answers orders with the outcome. */
async function reserve(ctx: ServiceContext, event: EventEnvelope<EventPayload<'order.placed'>>, tx: Tx) {
  const { orderId, items } = event.payload;
  if (await findReservation(tx, orderId)) return;
  const lines = items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
  const stock = await lockStock(tx, lines.map((l) => l.productId));
  const plan = planReservation(lines, stock);
  if (!plan.ok) {
    await insertReservation(tx, orderId, 'REJECTED', lines);
    await ctx.outbox.emit(tx, 'inventory.rejected', orderId, { orderId, reason: plan.reason, productIds: plan.productIds }, event);
    return;
  }
  await adjustStock(tx, lines, 0, 1);
  await insertReservation(tx, orderId, 'RESERVED', lines);
  await ctx.outbox.emit(tx, 'inventory.reserved', orderId, { orderId }, event);
}

async function settle(tx: Tx, orderId: string, decide: (s: Parameters<typeof onOrderCancelled>[0]) => StockEffect | null) {
  const reservation = await findReservation(tx, orderId);
  const effect = decide(reservation?.status ?? null);
  if (effect && reservation) {
    await adjustStock(tx, reservation.lines, effect.onHand, effect.reserved);
    await setReservationStatus(tx, orderId, effect.status);
  } else if (!reservation) {
    // The outcome overtook order.placed: leave a tombstone so the late placement reserves nothing.
    await insertReservation(tx, orderId, 'RELEASED', []);
  }
}

export function orderEventHandlers(ctx: ServiceContext): Record<string, EventHandler> {
  return {
    'order.placed': (event, tx) => reserve(ctx, event, tx),
    'order.confirmed': (event, tx) => settle(tx, event.payload.orderId, onOrderConfirmed),
    'order.cancelled': (event, tx) => settle(tx, event.payload.orderId, onOrderCancelled),
  };
}
