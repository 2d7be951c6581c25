import type { EventEnvelope, Tx } from '@mercato/kernel';
import { updateStatus, type StoredOrder } from '../db/orders-repo.ts';
import { transition, type OrderTrigger } from '../domain/order-machine.ts';
import type { OrdersContext } from './context.ts';
import { publishChange } from './order-events.ts';

/**
 * Applies a trigger to an order in status `from`: the status change, its history entry and the
 * events that drive the next step commit together. Returns the order as it is now, or null for a
 * no-op (the trigger does not apply to `from`, or the order is no longer in it).
 */
export async function advance(
  ctx: OrdersContext,
  tx: Tx,
  { id, status: from }: Pick<StoredOrder, 'id' | 'status'>,
  trigger: OrderTrigger,
  cause?: EventEnvelope,
): Promise<StoredOrder | null> {
  const t = transition(from, trigger);
  if (!t) return null;
  const order = await updateStatus(tx, id, from, t.status, t.reason);
  if (order) publishChange(ctx, tx, order, { ...t, from }, cause);
  return order;
}
