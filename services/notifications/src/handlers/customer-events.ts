import type { EventPayload } from '@mercato/contracts';
import { newId, type EventEnvelope, type Tx } from '@mercato/kernel';
import { recordNotification } from '../db/notifications-repo.ts';
import { findRecipient } from '../db/recipients-repo.ts';
import { initialEmailStatus } from '../domain/delivery.ts';
import { emailFor, messageFor, type CustomerEvent } from '../domain/messages.ts';

/** Tells the customer about a step of their order, in the app and by email. */
export function onCustomerEvent(delivering: boolean) {
  return async (event: EventEnvelope<EventPayload<CustomerEvent>>, tx: Tx) => {
    const message = messageFor(event.type as CustomerEvent, event.payload);
    const recipient = await findRecipient(tx, message.userId);
    const { subject, body } = emailFor(message, recipient?.name);
    await recordNotification(tx, newId(), message, {
      id: newId(),
      to: recipient?.email ?? '',
      subject,
      body,
      status: initialEmailStatus(recipient !== null, delivering),
    });
  };
}
