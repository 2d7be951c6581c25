import type { Tx } from '@mercato/kernel';
import { insertRestock } from '../db/stock-repo.ts';
import type { Line } from '../domain/reservation.ts';

/** Returned items go back on hand, once per return: on-hand = initial − confirmed + returned. */
export async function restockReturn(tx: Tx, returnId: string, orderId: string, items: Line[]): Promise<void> {
  await insertRestock(tx, returnId, orderId, items);
}
