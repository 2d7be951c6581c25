import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { recordDelivery } from '../app/record-delivery.ts';

export const onOrderDelivered = (event: EventEnvelope<EventPayload<'order.delivered'>>, tx: Tx) => recordDelivery(tx, event);
