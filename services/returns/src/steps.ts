import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { updateReturnStatus, type StoredReturn } from './db/returns-repo.ts';
import { returnTransition, type ReturnAction } from './domain/return-state.ts';

/**
 * Applies an action to a return in status `from`: the status change, its history entry and the event
 * that tells the other services commit together. Returns the return as it is now, or null for a
 * no-op (the action does not apply to `from`, or the return is no longer in it).
 */
export async function advanceReturn(
  ctx: ServiceContext,
  tx: Tx,
  { id, status: from }: Pick<StoredReturn, 'id' | 'status'>,
  action: ReturnAction,
  note: string | null = null,
  cause?: EventEnvelope,
): Promise<StoredReturn | null> {
  const to = returnTransition(from, action);
  if (!to) return null;
  const updated = await updateReturnStatus(tx, id, from, to, note);
  if (!updated) return null;
  const { id: returnId, orderId, customerId } = updated;
  if (action === 'approve') ctx.outbox.emit(tx, 'return.approved', orderId, { returnId, orderId, customerId, note }, cause);
  if (action === 'reject') ctx.outbox.emit(tx, 'return.rejected', orderId, { returnId, orderId, customerId, note }, cause);
  if (action === 'receive') {
    const items = updated.items.map((l) => ({ productId: l.productId, quantity: l.quantity }));
    ctx.outbox.emit(tx, 'return.received', orderId, { returnId, orderId, customerId, items, refundCents: updated.refundCents, currency: updated.currency }, cause);
  }
  return updated;
}
