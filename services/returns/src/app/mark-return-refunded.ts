import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { advanceReturn } from './advance-return.ts';
import type { ReturnsContext } from './context.ts';

/**
 * The refund of a received return closes it; the refund of a cancelled order is none of its business.
 * payments refunds a return only when return.received asks it to, so the return is RECEIVED, which
 * the update checks without reading it first.
 */
export async function markReturnRefunded(
  ctx: ReturnsContext,
  tx: Tx,
  event: EventEnvelope<EventPayload<'payment.refunded'>>,
): Promise<void> {
  const { returnId } = event.payload;
  if (returnId) await advanceReturn(ctx, tx, { id: returnId, status: 'RECEIVED' }, 'refunded', null, event);
}
