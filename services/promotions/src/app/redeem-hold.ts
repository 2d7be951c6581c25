import type { Tx } from '@mercato/kernel';
import { moveHold } from '../db/promotions-repo.ts';
import { holdMove } from '../domain/hold-machine.ts';

const { from, to } = holdMove('redeem');

/** A confirmed order has used its promotion (taken again if its hold had expired meanwhile). */
export async function redeemHold(tx: Tx, orderId: string): Promise<void> {
  await moveHold(tx, orderId, from, to);
}
