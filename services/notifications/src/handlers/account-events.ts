import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { recordLockoutNotice } from '../app/record-lockout-notice.ts';
import type { Sending } from '../app/record-notice.ts';

export function onSignInLocked(sending: Sending) {
  return (event: EventEnvelope<EventPayload<'identity.sign_in_locked'>>, tx: Tx) => recordLockoutNotice(tx, sending, event.payload);
}
