import type { Tx } from '@mercato/kernel';
import { moveHold } from '../db/promotions-repo.ts';
import { holdMove } from '../domain/hold-machine.ts';

const { from, to } = holdMove('release');

/** A failed or cancelled order gives its promotion back. */
export async function releaseHold(tx: Tx, orderId: string): Promise<void> {
  await moveHold(tx, orderId, from, to);
}
