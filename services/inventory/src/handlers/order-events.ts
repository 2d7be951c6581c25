import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, EventHandler, ServiceContext, Tx } from '@mercato/kernel';
import { onOrderCancelled, onOrderConfirmed, planReservation, type StockEffect } from '../domain/reservation.ts';
import { findReservation, insertReservation, lockStock, settleReservation } from '../db/stock-repo.ts';

/**
 * Reserves every line of a placed order or none, then answers orders with the outcome. An order that
 * already has a reservation (the tombstone of an outcome that overtook it) gets no answer.
 */
async function reserve(ctx: ServiceContext, event: EventEnvelope<EventPayload<'order.placed'>>, tx: Tx) {
  const { orderId, items } = event.payload;
  const lines = items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
  const plan = planReservation(lines, await lockStock(tx, lines.map((l) => l.productId)));
  if (!plan.ok) {
    if (await insertReservation(tx, orderId, 'REJECTED', lines)) {
      ctx.outbox.emit(tx, 'inventory.rejected', orderId, { orderId, reason: plan.reason, productIds: plan.productIds }, event);
    }
  } else if (await insertReservation(tx, orderId, 'RESERVED', lines, { onHand: 0, reserved: 1 })) {
    ctx.outbox.emit(tx, 'inventory.reserved', orderId, { orderId }, event);
  }
}

async function settle(tx: Tx, orderId: string, decide: (s: Parameters<typeof onOrderCancelled>[0]) => StockEffect | null) {
  const reservation = await findReservation(tx, orderId);
  const effect = decide(reservation?.status ?? null);
  if (effect && reservation) {
    await settleReservation(tx, orderId, effect.status, reservation.lines, effect);
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
