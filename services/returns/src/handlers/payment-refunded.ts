import type { EventPayload } from '@mercato/contracts';
import type { EventEnvelope, Tx } from '@mercato/kernel';
import type { ReturnsContext } from '../app/context.ts';
import { markReturnRefunded } from '../app/mark-return-refunded.ts';

export function onPaymentRefunded(ctx: ReturnsContext) {
  return (event: EventEnvelope<EventPayload<'payment.refunded'>>, tx: Tx) => markReturnRefunded(ctx, tx, event);
}
