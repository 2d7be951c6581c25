import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { updateStatus, type StoredOrder } from './db/orders-repo.ts';
import { transition, type OrderTrigger } from './domain/order-state.ts';

const quantities = (order: StoredOrder) => order.items.map((l) => ({ productId: l.productId, quantity: l.quantity }));

/**
 * Applies a trigger to an order in status `from`: the status change, its history entry and the
 * event that drives the next saga step commit together. Returns the order as it is now, or null
 * for a no-op (the trigger does not apply to `from`, or the order is no longer in it).
 */
export async function advance(
  ctx: ServiceContext,
  tx: Tx,
  { id, status: from }: Pick<StoredOrder, 'id' | 'status'>,
  trigger: OrderTrigger,
  cause?: EventEnvelope,
): Promise<StoredOrder | null> {
  const t = transition(from, trigger);
  if (!t) return null;
  const order = await updateStatus(tx, id, from, t.status, t.reason);
  if (!order) return null;
  const { id: orderId, customerId } = order;
  switch (t.effect) {
    case 'payment.requested':
      ctx.outbox.emit(
        tx,
        'payment.requested',
        orderId,
        { orderId, customerId, amountCents: order.totalCents, currency: order.currency, paymentMethod: order.paymentMethod },
        cause,
      );
      break;
    case 'order.confirmed':
      ctx.outbox.emit(tx, 'order.confirmed', orderId, { orderId, customerId, totalCents: order.totalCents, currency: order.currency }, cause);
      break;
    case 'order.rejected':
      ctx.outbox.emit(tx, 'order.rejected', orderId, { orderId, customerId, reason: t.reason as 'insufficient_stock' }, cause);
      break;
    case 'order.cancelled':
      ctx.outbox.emit(
        tx,
        'order.cancelled',
        orderId,
        { orderId, customerId, reason: t.reason as 'customer_cancelled', previousStatus: from },
        cause,
      );
      break;
    case 'order.shipped':
      ctx.outbox.emit(tx, 'order.shipped', orderId, { orderId, customerId, items: quantities(order), shippingAddress: order.shippingAddress }, cause);
      break;
    case 'order.delivered':
      ctx.outbox.emit(tx, 'order.delivered', orderId, { orderId, customerId, items: quantities(order) }, cause);
      break;
  }
  if (order.promotionId) {
    const promotion = { orderId, customerId, promotionId: order.promotionId };
    if (t.effect === 'order.confirmed') ctx.outbox.emit(tx, 'discount.redeemed', orderId, promotion, cause);
    if (t.effect === 'order.rejected' || t.effect === 'order.cancelled') ctx.outbox.emit(tx, 'discount.released', orderId, promotion, cause);
  }
  return order;
}
