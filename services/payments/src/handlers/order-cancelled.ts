import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { refundCancelledOrder } from '../app/refund-cancelled-order.ts';
import type { PaymentProvider } from '../provider/provider.ts';

export function onOrderCancelledEvent(ctx: ServiceContext<EventSchemas>, provider: PaymentProvider) {
  return (event: EventEnvelope<EventPayload<'order.cancelled'>>, tx: Tx) => refundCancelledOrder(ctx, provider, tx, event.payload, event);
}
