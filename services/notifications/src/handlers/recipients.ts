import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { registerRecipient } from '../app/register-recipient.ts';

export function onUserRegistered(delivering: boolean) {
  return (event: EventEnvelope<EventPayload<'user.registered'>>, tx: Tx) => {
    const { userId, email, name } = event.payload;
    return registerRecipient(tx, { userId, email, name }, delivering);
  };
}
