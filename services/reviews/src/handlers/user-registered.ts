import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import { recordCustomer } from '../app/record-customer.ts';

export const onUserRegistered = (event: EventEnvelope<EventPayload<'user.registered'>>, tx: Tx) => recordCustomer(tx, event);
