import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, EventHandler, Tx } from '@mercato/kernel';
import { restockReturn } from '../app/restock-return.ts';

export function returnEventHandlers(): Record<string, EventHandler> {
  return {
    'return.received': ({ payload }: EventEnvelope<EventPayload<'return.received'>>, tx: Tx) =>
      restockReturn(tx, payload.returnId, payload.orderId, payload.items),
  };
}
