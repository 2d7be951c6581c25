import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { recordNotice, type Sending } from '../app/record-notice.ts';
import type { CustomerEvent } from '../domain/messages.ts';

export function onCustomerEvent(sending: Sending) {
  return (event: EventEnvelope<EventPayload<CustomerEvent>>, tx: Tx) =>
    recordNotice(tx, sending, event.type as CustomerEvent, event.payload);
}
