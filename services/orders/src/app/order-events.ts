import { cancelReason, orderStatus, rejectReason, type EventPayload, type OrderStatus } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import type { StoredOrder } from '../db/orders-repo.ts';
import { promotionFollowUp } from '../domain/checkout-saga.ts';
import type { OrderEvent, Transition } from '../domain/order-machine.ts';
import type { OrdersContext } from './context.ts';

/** A status change: where from (none for a new order) and as what the machine decided. */
export interface Change extends Transition {
  from: OrderStatus | null;
}

const quantities = (order: StoredOrder) => order.items.map((l) => ({ productId: l.productId, quantity: l.quantity }));

/** The payload of each event an order's transition publishes, from the order as it is after the change. */
const payloads: { [E in OrderEvent]: (order: StoredOrder, change: Change) => EventPayload<E> } = {
  'order.placed': ({ id: orderId, customerId, items, totalCents, currency }) => ({
    orderId,
    customerId,
    items: items.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
    totalCents,
    currency,
  }),
  'order.rejected': ({ id: orderId, customerId }, { reason }) => ({ orderId, customerId, reason: rejectReason.parse(reason) }),
  'payment.requested': ({ id: orderId, customerId, totalCents, currency, paymentMethod }) => ({
    orderId,
    customerId,
    amountCents: totalCents,
    currency,
    paymentMethod,
  }),
  'order.confirmed': ({ id: orderId, customerId, totalCents, currency }) => ({ orderId, customerId, totalCents, currency }),
  'order.cancelled': ({ id: orderId, customerId }, { reason, from }) => ({
    orderId,
    customerId,
    reason: cancelReason.parse(reason),
    previousStatus: orderStatus.parse(from),
  }),
  'order.shipped': (order) => ({
    orderId: order.id,
    customerId: order.customerId,
    items: quantities(order),
    shippingAddress: order.shippingAddress,
  }),
  'order.delivered': (order) => ({ orderId: order.id, customerId: order.customerId, items: quantities(order) }),
};

function emit<E extends OrderEvent>(ctx: OrdersContext, tx: Tx, event: E, order: StoredOrder, change: Change, cause?: EventEnvelope) {
  ctx.outbox.emit(tx, event, order.id, payloads[event](order, change), cause);
}

/**
 * Publishes what a change of an order's status tells the other services, in the transaction of the
 * change: the event its transition names, and for an order with a promotion the fate of its hold.
 */
export function publishChange(ctx: OrdersContext, tx: Tx, order: StoredOrder, change: Change, cause?: EventEnvelope) {
  if (!change.effect) return;
  emit(ctx, tx, change.effect, order, change, cause);
  const followUp = promotionFollowUp(change.effect);
  if (order.promotionId && followUp) {
    ctx.outbox.emit(tx, followUp, order.id, { orderId: order.id, customerId: order.customerId, promotionId: order.promotionId }, cause);
  }
}
