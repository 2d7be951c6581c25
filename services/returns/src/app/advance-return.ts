import { conflict, notFound, type EventEnvelope, type Tx } from '@mercato/kernel';
import { findReturn, updateReturnStatus, viewOf, type StoredReturn } from '../db/returns-repo.ts';
import { returnMachine, type ReturnTrigger } from '../domain/return-machine.ts';
import type { ReturnsContext } from './context.ts';

/**
 * Applies a trigger to a return in status `from`: the status change, its history entry and the event
 * the table names for it commit together. Returns the return as it is now, or null for a no-op (the
 * trigger does not apply to `from`, or the return is no longer in it).
 */
export async function advanceReturn(
  ctx: ReturnsContext,
  tx: Tx,
  { id, status: from }: Pick<StoredReturn, 'id' | 'status'>,
  trigger: ReturnTrigger,
  note: string | null = null,
  cause?: EventEnvelope,
): Promise<StoredReturn | null> {
  const rule = returnMachine.next(from, trigger);
  if (!rule) return null;
  const updated = await updateReturnStatus(tx, id, from, rule.to, note);
  if (!updated) return null;
  const { id: returnId, orderId, customerId } = updated;
  if (rule.emits === 'return.received') {
    const items = updated.items.map((l) => ({ productId: l.productId, quantity: l.quantity }));
    const { refundCents, currency } = updated;
    ctx.outbox.emit(tx, rule.emits, orderId, { returnId, orderId, customerId, items, refundCents, currency }, cause);
  } else if (rule.emits) {
    ctx.outbox.emit(tx, rule.emits, orderId, { returnId, orderId, customerId, note }, cause);
  }
  return updated;
}

const PAST: Record<ReturnTrigger, string> = {
  approve: 'approved',
  reject: 'rejected',
  receive: 'received',
  cancel: 'cancelled',
  refunded: 'refunded',
};

/**
 * A step someone asks for: the return found (else 404), `allowed` to them (it throws otherwise),
 * applied with its event in one transaction, or refused (409) when the table has no such step from
 * its status.
 */
export async function stepReturn(
  ctx: ReturnsContext,
  id: string,
  trigger: ReturnTrigger,
  note: string | null,
  allowed: (found: StoredReturn) => void = () => {},
) {
  return ctx.db.transaction(async (tx) => {
    const found = await findReturn(tx, id);
    if (!found) throw notFound('Return');
    allowed(found);
    const next = await advanceReturn(ctx, tx, found, trigger, note);
    if (!next) throw conflict('return_not_allowed', `A return in status ${found.status} cannot be ${PAST[trigger]}`);
    return viewOf(next);
  });
}
