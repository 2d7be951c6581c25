import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { addAuthor } from '../db/customers-repo.ts';

/** Learns the name a customer's reviews are signed with; the email is not kept. */
export async function recordCustomer(tx: Tx, event: EventEnvelope<EventPayload<'user.registered'>>): Promise<void> {
  const { userId, name } = event.payload;
  await addAuthor(tx, userId, name);
}
