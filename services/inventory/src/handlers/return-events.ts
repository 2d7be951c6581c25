import type { EventHandler } from '@mercato/kernel';
import { restockReturn } from '../app/restock-return.ts';

export function returnEventHandlers(): Record<string, EventHandler> {
  return {
    'return.received': (event, tx) => restockReturn(tx, event.payload.returnId, event.payload.orderId, event.payload.items),
  };
}
