import type { OrderStatus } from '@mercato/contracts';

/** What can happen to an order: saga outcomes from other services, and requests from people or timers. */
export type OrderTrigger =
  | { kind: 'stock_reserved' }
  | { kind: 'stock_rejected'; reason: 'insufficient_stock' | 'unknown_product' }
  | { kind: 'payment_succeeded' }
  | { kind: 'payment_failed' }
  | { kind: 'cancel'; reason: 'customer_cancelled' | 'admin_cancelled' }
  | { kind: 'payment_timeout' };

/** The replies of other services to the saga's steps. */
export type SagaReply = Extract<OrderTrigger, { kind: 'stock_reserved' | 'stock_rejected' | 'payment_succeeded' | 'payment_failed' }>;

/** The follow-up event a transition publishes. */
export type OrderEffect = 'payment.requested' | 'order.confirmed' | 'order.rejected' | 'order.cancelled';

export interface Transition {
  status: OrderStatus;
  reason: string | null;
  effect: OrderEffect;
}

export const TERMINAL: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED']);
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
  }
}

/**
 * The one status a saga reply applies to: the step that asked for it. Knowing it up front lets
 * the reply be applied as a conditional update, without reading the order first.
 */
export function awaitedIn(reply: SagaReply): OrderStatus {
  return reply.kind === 'stock_reserved' || reply.kind === 'stock_rejected' ? 'PENDING' : 'AWAITING_PAYMENT';
}
