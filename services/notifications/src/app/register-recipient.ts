import type { Tx } from '@mercato/kernel';
import { addRecipient, type Recipient } from '../db/recipients-repo.ts';

/** A registered customer's address, filled into the mail kept for them; sent when a mail channel delivers. */
export async function registerRecipient(tx: Tx, recipient: Recipient, delivering: boolean): Promise<void> {
  await addRecipient(tx, recipient, delivering);
}
