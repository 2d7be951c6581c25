import type { EventHandler } from '@mercato/kernel';
import { insertRestock } from '../db/stock-repo.ts';

/** Returned items go back on hand: on-hand = initial − confirmed + returned. */
export function returnEventHandlers(): Record<string, EventHandler> {
  return {
    'return.received': async (event, tx) => {
      const { returnId, orderId, items } = event.payload;
      await insertRestock(tx, returnId, orderId, items);
    },
  };
}
