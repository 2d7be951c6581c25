import type { EventPayload } from '@mercato/contracts';
import { newId, type EventEnvelope, type Tx } from '@mercato/kernel';
import { recordNotification } from '../db/notifications-repo.ts';
import { findAudience } from '../db/recipients-repo.ts';
import { outgoingFor } from '../domain/delivery.ts';
import { messageFor, type CustomerEvent } from '../domain/messages.ts';

/** Tells the customer about a step of their order: in the app, and by email and SMS as they prefer. */
export function onCustomerEvent(sending: { email: boolean; sms: boolean }) {
  return async (event: EventEnvelope<EventPayload<CustomerEvent>>, tx: Tx) => {
    const message = messageFor(event.type as CustomerEvent, event.payload);
    await recordNotification(tx, newId(), message, outgoingFor(message, await findAudience(tx, message.userId), sending));
  };
}
