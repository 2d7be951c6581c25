import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { advanceReturn } from '../steps.ts';

/** The refund of a received return closes it; the refund of a cancelled order is none of its business. */
export function onPaymentRefunded(ctx: ServiceContext) {
  return async (event: EventEnvelope<EventPayload<'payment.refunded'>>, tx: Tx) => {
    const { returnId } = event.payload;
    if (returnId) await advanceReturn(ctx, tx, { id: returnId, status: 'RECEIVED' }, 'refunded', null, event);
  };
}
