import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { EventEnvelope, EventHandler, Outbox, Tx } from '@mercato/kernel';
import { commitReservation } from '../app/commit-reservation.ts';
import { releaseReservation } from '../app/release-reservation.ts';
import { reserveOrder } from '../app/reserve-order.ts';

export function orderEventHandlers(outbox: Outbox<EventSchemas>): Record<string, EventHandler> {
  return {
    'order.placed': (event: EventEnvelope<EventPayload<'order.placed'>>, tx: Tx) => reserveOrder(outbox, tx, event),
    'order.confirmed': (event: EventEnvelope<EventPayload<'order.confirmed'>>, tx: Tx) => commitReservation(tx, event.payload.orderId),
    'order.cancelled': (event: EventEnvelope<EventPayload<'order.cancelled'>>, tx: Tx) => releaseReservation(tx, event.payload.orderId),
  };
}
