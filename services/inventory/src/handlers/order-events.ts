import type { EventSchemas } from '@mercato/contracts';
import type { EventHandler, Outbox } from '@mercato/kernel';
import { commitReservation } from '../app/commit-reservation.ts';
import { releaseReservation } from '../app/release-reservation.ts';
import { reserveOrder } from '../app/reserve-order.ts';

export function orderEventHandlers(outbox: Outbox<EventSchemas>): Record<string, EventHandler> {
  return {
    'order.placed': (event, tx) => reserveOrder(outbox, tx, event),
    'order.confirmed': (event, tx) => commitReservation(tx, event.payload.orderId),
    'order.cancelled': (event, tx) => releaseReservation(tx, event.payload.orderId),
  };
}
