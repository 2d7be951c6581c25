import { ORDER_STATUSES, type OrderStatus } from '@mercato/contracts';
import { defineStateMachine, type StateMachine } from '@mercato/kernel';

/**
 * An order's lifecycle. Each transition names the event it publishes; a transition without a reason
 * takes the one its trigger brings (who cancelled, what inventory lacked). `place` and `refuse` apply
 * from no state: they are how an order comes to be, PENDING or, for a product the catalog does not
 * know, REJECTED at once.
 */
export const orderMachine = defineStateMachine({
  name: 'order',
  states: ORDER_STATUSES,
  initial: ['PENDING', 'REJECTED'],
  terminal: ['REJECTED', 'CANCELLED', 'DELIVERED'],
  triggers: [
    'place',
    'refuse',
    'stock_reserved',
    'stock_rejected',
    'payment_succeeded',
    'payment_failed',
    'payment_action_required',
    'cancel',
    'payment_timeout',
    'ship',
    'delivered',
  ],
  transitions: [
    { trigger: 'place', from: [], to: 'PENDING', emits: 'order.placed' },
    { trigger: 'refuse', from: [], to: 'REJECTED', reason: 'unknown_product', emits: 'order.rejected' },
    { trigger: 'stock_reserved', from: ['PENDING'], to: 'AWAITING_PAYMENT', emits: 'payment.requested' },
    { trigger: 'stock_rejected', from: ['PENDING'], to: 'REJECTED', emits: 'order.rejected' },
    // 3-D Secure: the payment waits for the customer, and its outcome comes as it would have at once.
    { trigger: 'payment_action_required', from: ['AWAITING_PAYMENT'], to: 'AWAITING_ACTION' },
    { trigger: 'payment_succeeded', from: ['AWAITING_PAYMENT', 'AWAITING_ACTION'], to: 'CONFIRMED', emits: 'order.confirmed' },
    {
      trigger: 'payment_failed',
      from: ['AWAITING_PAYMENT', 'AWAITING_ACTION'],
      to: 'CANCELLED',
      reason: 'payment_declined',
      emits: 'order.cancelled',
    },
    // Once the parcel has left, the order can no longer be cancelled: it can only be returned.
    { trigger: 'cancel', from: ['PENDING', 'AWAITING_PAYMENT', 'AWAITING_ACTION', 'CONFIRMED'], to: 'CANCELLED', emits: 'order.cancelled' },
    {
      trigger: 'payment_timeout',
      from: ['PENDING', 'AWAITING_PAYMENT', 'AWAITING_ACTION'],
      to: 'CANCELLED',
      reason: 'payment_timeout',
      emits: 'order.cancelled',
    },
    { trigger: 'ship', from: ['CONFIRMED'], to: 'SHIPPED', emits: 'order.shipped' },
    { trigger: 'delivered', from: ['SHIPPED'], to: 'DELIVERED', emits: 'order.delivered' },
  ],
});

type Spec = typeof orderMachine extends StateMachine<OrderStatus, infer T, infer E> ? { trigger: T; event: E } : never;
export type OrderTriggerKind = Spec['trigger'];
/** The events the order's transitions publish. */
export type OrderEvent = Spec['event'];

/** What happens to an order: the reply of another service, or the request of a person or a timer. */
export interface OrderTrigger {
  kind: OrderTriggerKind;
  /** Why, where the transition does not say: who cancelled, what inventory lacked. */
  reason?: string;
}

export interface Transition {
  status: OrderStatus;
  reason: string | null;
  effect: OrderEvent | null;
}

type Rule = (typeof orderMachine.spec.transitions)[number];

const decided = (rule: Rule, trigger: OrderTrigger): Transition => ({
  status: rule.to,
  reason: rule.reason ?? trigger.reason ?? null,
  effect: rule.emits ?? null,
});

/**
 * Where a trigger takes an order in `status`, or null when it does not apply there: that is how a
 * late, duplicated or out-of-order event becomes a no-op.
 */
export function transition(status: OrderStatus, trigger: OrderTrigger): Transition | null {
  const rule = orderMachine.next(status, trigger.kind);
  return rule && decided(rule, trigger);
}

/** The status, reason and first event of a new order: the transition of a trigger that applies from no state. */
export function opening(trigger: OrderTrigger): Transition {
  const rule = orderMachine.spec.transitions.find((r) => r.trigger === trigger.kind && r.from.length === 0);
  if (!rule) throw new Error(`${trigger.kind} does not create an order`);
  return decided(rule, trigger);
}

/**
 * The one status a reply applies in: the step that asked for it. Knowing it up front lets the reply
 * be applied as a conditional update, without reading the order first.
 */
export function awaitedIn(reply: OrderTrigger): OrderStatus {
  const sources = orderMachine.sources(reply.kind);
  const [status] = sources;
  if (sources.length !== 1 || !status) throw new Error(`${reply.kind} applies in ${sources.length} states, not in the one that awaits it`);
  return status;
}
