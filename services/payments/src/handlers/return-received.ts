import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { refundReturn } from '../app/refund-return.ts';
import type { PaymentProvider } from '../provider/provider.ts';

export function onReturnReceivedEvent(ctx: ServiceContext<EventSchemas>, provider: PaymentProvider) {
  return (event: EventEnvelope<EventPayload<'return.received'>>, tx: Tx) => refundReturn(ctx, provider, tx, event.payload, event);
}
