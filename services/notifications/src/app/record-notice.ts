import type { EventPayload } from '@mercato/contracts';
import { newId, type Tx } from '@mercato/kernel';
import { recordNotification } from '../db/notifications-repo.ts';
import { findAudience } from '../db/recipients-repo.ts';
import { outgoingFor } from '../domain/delivery.ts';
import { messageFor, type CustomerEvent } from '../domain/messages.ts';

/** Which channels send (the rest keep their messages): the email and the SMS are queued only for those. */
export interface Sending {
  email: boolean;
  sms: boolean;
}

/**
 * Tells a customer about a step of their order: the in-app notice, and the email and SMS their
 * preferences ask for, once per step however often its event comes.
 */
export async function recordNotice<K extends CustomerEvent>(tx: Tx, sending: Sending, kind: K, payload: EventPayload<K>): Promise<void> {
  const message = messageFor(kind, payload);
  await recordNotification(tx, newId(), message, outgoingFor(message, await findAudience(tx, message.userId), sending));
}
