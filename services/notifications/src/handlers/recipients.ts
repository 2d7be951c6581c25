import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { addRecipient } from '../db/recipients-repo.ts';

export function onUserRegistered(delivering: boolean) {
  return async (event: EventEnvelope<EventPayload<'user.registered'>>, tx: Tx) => {
    const { userId, email, name } = event.payload;
    await addRecipient(tx, { userId, email, name }, delivering);
  };
}
