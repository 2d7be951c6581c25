import { eventSchemas, type OrderStatus } from '@mercato/contracts';
import { checkEnvelope, type EventEnvelope, type Subscription } from '@mercato/kernel';

/** What a browser following an order is told: the status it has now, and why for REJECTED or CANCELLED. */
export interface OrderUpdate {
  orderId: string;
  status: OrderStatus;
  statusReason: string | null;
}

/** The saga's and fulfilment's events, each read as the order status it brings about. */
const STATUS_BY_EVENT: Record<string, OrderStatus> = {
  'order.placed': 'PENDING',
  'payment.requested': 'AWAITING_PAYMENT',
  'payment.action_required': 'AWAITING_ACTION',
  'order.confirmed': 'CONFIRMED',
  'order.rejected': 'REJECTED',
  'order.cancelled': 'CANCELLED',
  'order.shipped': 'SHIPPED',
  'order.delivered': 'DELIVERED',
};

interface OrderEventPayload {
  orderId: string;
  customerId: string;
  reason?: string;
}

export function orderUpdateOf(event: EventEnvelope<OrderEventPayload>): { customerId: string; update: OrderUpdate } | null {
  const status = STATUS_BY_EVENT[event.type];
  if (!status) return null;
  const { orderId, customerId, reason } = event.payload;
  return { customerId, update: { orderId, status, statusReason: reason ?? null } };
}

type Listener = (update: OrderUpdate) => void;

/** Fans order updates out to the open streams of each customer, within this process. */
export class OrderUpdates {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** Starts passing a customer's updates to `listener`; call the returned function to stop. */
  listen(customerId: string, listener: Listener): () => void {
    const set = this.listeners.get(customerId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(customerId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(customerId);
    };
  }

  publish(customerId: string, update: OrderUpdate): void {
    for (const listener of this.listeners.get(customerId) ?? []) listener(update);
  }

  /** How many streams are open, across customers. */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

/**
 * The bus subscription that feeds the hub. An update nobody is listening to is simply dropped:
 * a browser that connects later reads the order itself, so nothing is worth keeping.
 */
export function orderUpdatesSubscription(hub: OrderUpdates): Subscription {
  return {
    consumer: 'gateway-realtime',
    types: Object.keys(STATUS_BY_EVENT),
    fanout: true,
    async handle(raw) {
      const found = orderUpdateOf(checkEnvelope(eventSchemas, raw) as EventEnvelope<OrderEventPayload>);
      if (found) hub.publish(found.customerId, found.update);
    },
  };
}
