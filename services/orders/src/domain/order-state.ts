import type { OrderStatus } from '@mercato/contracts';

/** What can happen to an order: saga outcomes from other services, and requests from people or timers. */
export type OrderTrigger =
  | { kind: 'stock_reserved' }
  | { kind: 'stock_rejected'; reason: 'insufficient_stock' | 'unknown_product' }
  | { kind: 'payment_succeeded' }
  | { kind: 'payment_failed' }
  | { kind: 'cancel'; reason: 'customer_cancelled' | 'admin_cancelled' }
  | { kind: 'payment_timeout' }
  | { kind: 'ship' }
  | { kind: 'delivered' };

/** The replies of other services to the order's steps: the saga's, and the carrier's delivery. */
export type SagaReply = Extract<OrderTrigger, { kind: 'stock_reserved' | 'stock_rejected' | 'payment_succeeded' | 'payment_failed' | 'delivered' }>;

/** The follow-up event a transition publishes. */
export type OrderEffect = 'payment.requested' | 'order.confirmed' | 'order.rejected' | 'order.cancelled' | 'order.shipped' | 'order.delivered';

export interface Transition {
  status: OrderStatus;
  reason: string | null;
  effect: OrderEffect;
}

/** Where the checkout saga ends; a CONFIRMED order goes on to fulfilment. */
export const TERMINAL: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED']);
/** Once the parcel has left, the order can no longer be cancelled: it can only be returned. */
export const CANCELLABLE: ReadonlySet<OrderStatus> = new Set(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED']);

/**
 * The checkout saga's state machine. Returns null when the trigger does not apply to the
 * current status: that is how a late, duplicated or out-of-order event becomes a no-op.
 */
export function transition(status: OrderStatus, trigger: OrderTrigger): Transition | null {
  switch (trigger.kind) {
    case 'stock_reserved':
      return status === 'PENDING' ? { status: 'AWAITING_PAYMENT', reason: null, effect: 'payment.requested' } : null;
    case 'stock_rejected':
      return status === 'PENDING' ? { status: 'REJECTED', reason: trigger.reason, effect: 'order.rejected' } : null;
    case 'payment_succeeded':
      return status === 'AWAITING_PAYMENT' ? { status: 'CONFIRMED', reason: null, effect: 'order.confirmed' } : null;
    case 'payment_failed':
      return status === 'AWAITING_PAYMENT' ? { status: 'CANCELLED', reason: 'payment_declined', effect: 'order.cancelled' } : null;
    case 'cancel':
      return CANCELLABLE.has(status) ? { status: 'CANCELLED', reason: trigger.reason, effect: 'order.cancelled' } : null;
    case 'payment_timeout':
      return status === 'PENDING' || status === 'AWAITING_PAYMENT'
        ? { status: 'CANCELLED', reason: 'payment_timeout', effect: 'order.cancelled' }
        : null;
    case 'ship':
      return status === 'CONFIRMED' ? { status: 'SHIPPED', reason: null, effect: 'order.shipped' } : null;
    case 'delivered':
      return status === 'SHIPPED' ? { status: 'DELIVERED', reason: null, effect: 'order.delivered' } : null;
  }
}

/**
 * The one status a saga reply applies to: the step that asked for it. Knowing it up front lets
 * the reply be applied as a conditional update, without reading the order first.
 */
export function awaitedIn(reply: SagaReply): OrderStatus {
  switch (reply.kind) {
    case 'stock_reserved':
    case 'stock_rejected':
      return 'PENDING';
    case 'payment_succeeded':
    case 'payment_failed':
      return 'AWAITING_PAYMENT';
    case 'delivered':
      return 'SHIPPED';
  }
}
