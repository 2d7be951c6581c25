import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { captureShippedOrder } from '../app/capture-shipped-order.ts';
import type { PaymentProvider } from '../provider/provider.ts';

export function onOrderShippedEvent(ctx: ServiceContext<EventSchemas>, provider: PaymentProvider) {
  return (event: EventEnvelope<EventPayload<'order.shipped'>>, tx: Tx) => captureShippedOrder(ctx, provider, tx, event.payload);
}
