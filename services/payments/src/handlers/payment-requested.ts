import type { EventPayload, EventSchemas } from '@mercato/contracts';
import type { EventEnvelope, ServiceContext, Tx } from '@mercato/kernel';
import { chargeOrder } from '../app/charge-order.ts';
import type { PaymentProvider } from '../provider/provider.ts';
import type { PaymentsSettings } from '../settings.ts';

export function onPaymentRequestedEvent(ctx: ServiceContext<EventSchemas, PaymentsSettings>, provider: PaymentProvider) {
  return (event: EventEnvelope<EventPayload<'payment.requested'>>, tx: Tx) => chargeOrder(ctx, provider, tx, event.payload, event);
}
