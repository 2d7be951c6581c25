import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { updateStatus, type StoredOrder } from './db/orders-repo.ts';
import { transition, type OrderTrigger } from './domain/order-state.ts';

/**
 * Applies a trigger to a locked order: the status change, its history entry and the event that
 * drives the next saga step commit together. Returns the new status, or null for a no-op.
 */
export async function advance(
  ctx: ServiceContext,
  tx: Tx,
  order: StoredOrder,
  trigger: OrderTrigger,
  cause?: EventEnvelope,
): Promise<StoredOrder | null> {
  const t = transition(order.status, trigger);
  if (!t) return null;
  await updateStatus(tx, order.id, t.status, t.reason);
  const { id: orderId, customerId } = order;
  switch (t.effect) {
    case 'payment.requested':
      await ctx.outbox.emit(
        tx,
        'payment.requested',
        orderId,
        { orderId, customerId, amountCents: order.totalCents, currency: order.currency, paymentMethod: order.paymentMethod },
        cause,
      );
      break;
    case 'order.confirmed':
      await ctx.outbox.emit(tx, 'order.confirmed', orderId, { orderId, customerId, totalCents: order.totalCents, currency: order.currency }, cause);
      break;
    case 'order.rejected':
      await ctx.outbox.emit(tx, 'order.rejected', orderId, { orderId, customerId, reason: t.reason as 'insufficient_stock' }, cause);
      break;
    case 'order.cancelled':
      await ctx.outbox.emit(
        tx,
        'order.cancelled',
        orderId,
        { orderId, customerId, reason: t.reason as 'customer_cancelled', previousStatus: order.status },
        cause,
      );
      break;
  }
  const at = new Date().toISOString();
  return { ...order, status: t.status, statusReason: t.reason, updatedAt: at, history: [...order.history, { status: t.status, reason: t.reason, at }] };
}
