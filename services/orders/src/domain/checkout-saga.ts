import { ORDER_STATUSES, type EventType, type OrderStatus } from '@mercato/contracts';
import { opening, orderMachine, type OrderEvent, type OrderTriggerKind } from './order-machine.ts';

/** A participant's answer, and the order's trigger it applies. */
interface ReplySpec {
  event: EventType;
  trigger: OrderTriggerKind;
  /** The order's status reason is the reply's own (inventory says why it refused). */
  reasonFromReply?: true;
}

/** What a participant does once an event of the order's tells it to, told in the README's words. */
interface Reaction {
  on: OrderEvent;
  does: string;
}

interface StepSpec {
  service: string;
  does: string;
  replies: readonly ReplySpec[];
  /** What the step's work becomes once the order is confirmed. */
  completion?: Reaction;
  /** How the step's work is undone when the order does not go through. */
  compensation: Reaction;
}

/** The event that tells a participant what became of its work, by the order's event that decided it. */
type FollowUps = Partial<Record<OrderEvent, EventType>>;

interface SagaSpec {
  /** placeOrder's triggers: the order is placed, or refused at once. */
  begins: readonly OrderTriggerKind[];
  /** The promoCode placeOrder has promotions hold, over HTTP before it inserts the order, and the events that tell its fate. */
  hold: { service: string; completion: FollowUps; compensation: FollowUps };
  steps: readonly StepSpec[];
  /** An order still awaiting a reply after this setting's time is cancelled, and so compensated. */
  timeout: { trigger: OrderTriggerKind; setting: string };
}

/**
 * The checkout saga, orchestrated by orders: placeOrder begins it, each step's replies move the order
 * on through its machine (which says where to and what to emit next), and order.cancelled is what the
 * participants compensate on. The saga-events handler is built from these steps.
 */
const spec: SagaSpec = {
  begins: ['place', 'refuse'],
  hold: {
    service: 'promotions',
    completion: { 'order.confirmed': 'discount.redeemed' },
    compensation: { 'order.rejected': 'discount.released', 'order.cancelled': 'discount.released' },
  },
  steps: [
    {
      service: 'inventory',
      does: 'reserves every line or none',
      replies: [
        { event: 'inventory.reserved', trigger: 'stock_reserved' },
        { event: 'inventory.rejected', trigger: 'stock_rejected', reasonFromReply: true },
      ],
      completion: { on: 'order.confirmed', does: 'reservation committed' },
      compensation: { on: 'order.cancelled', does: 'reservation released (or restocked)' },
    },
    {
      service: 'payments',
      does: 'screens for fraud, charges through the provider',
      replies: [
        { event: 'payment.succeeded', trigger: 'payment_succeeded' },
        { event: 'payment.failed', trigger: 'payment_failed' },
        // The card needs 3-D Secure: the order waits for the customer, and then for one of the two above.
        { event: 'payment.action_required', trigger: 'payment_action_required' },
      ],
      compensation: { on: 'order.cancelled', does: 'refund' },
    },
  ],
  timeout: { trigger: 'payment_timeout', setting: 'ORDER_PAYMENT_TIMEOUT' },
};

export interface SagaReply extends Omit<ReplySpec, 'reasonFromReply'> {
  reasonFromReply: boolean;
  /** The statuses the reply applies in: the step's own first, then the waits of the step it ends (AWAITING_ACTION). */
  awaitedIn: readonly OrderStatus[];
  to: OrderStatus;
  emits: OrderEvent | null;
  /** The saga ends with this reply. */
  ends: boolean;
}

export interface SagaStep extends Omit<StepSpec, 'replies'> {
  /** The event that asks for the step: the one published on entering the status its replies apply in. */
  askedBy: OrderEvent;
  awaitedIn: OrderStatus;
  replies: SagaReply[];
}

/** The one rule of a trigger the saga applies. */
function ruleOf(trigger: OrderTriggerKind) {
  const rules = orderMachine.spec.transitions.filter((r) => r.trigger === trigger);
  const [rule] = rules;
  if (rules.length !== 1 || !rule) throw new Error(`the saga's trigger ${trigger} has ${rules.length} transitions, not one`);
  return rule;
}

/** The event published on entering a status: what asks the step awaited there for its work. */
function publishedEntering(status: OrderStatus): OrderEvent {
  const events = new Set(orderMachine.spec.transitions.filter((r) => r.to === status).map((r) => r.emits));
  const [event] = events;
  if (events.size !== 1 || !event) throw new Error(`entering ${status} publishes ${events.size} events, not the one that asks for a step`);
  return event;
}

const begins = spec.begins.map((trigger) => ({ trigger, ...opening({ kind: trigger }) }));
const timeout = ruleOf(spec.timeout.trigger);
const awaited = new Set(spec.steps.flatMap((s) => s.replies.flatMap((r) => orderMachine.sources(r.trigger))));
const replied = spec.steps.flatMap((s) => s.replies.map((r) => ruleOf(r.trigger).to));
const reached = new Set([...begins.map((b) => b.status), ...replied, timeout.to]);

/** Where the checkout saga ends: the statuses it reaches that no step awaits a reply in. A CONFIRMED order goes on to fulfilment. */
export const SAGA_OUTCOMES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => reached.has(s) && !awaited.has(s));

/** The statuses a reply applies in, the step's own (where every reply of the step applies) first. */
const sourcesOf = (trigger: OrderTriggerKind, first: OrderStatus) => {
  const sources = orderMachine.sources(trigger);
  return [first, ...sources.filter((s) => s !== first)];
};

function step({ replies, ...rest }: StepSpec): SagaStep {
  const [first, ...others] = replies.map((r) => orderMachine.sources(r.trigger));
  const [status, ...more] = (first ?? []).filter((s) => others.every((o) => o.includes(s)));
  if (!status || more.length)
    throw new Error(`the replies to ${rest.service} all apply in ${more.length + (status ? 1 : 0)} statuses, not one`);
  return {
    ...rest,
    askedBy: publishedEntering(status),
    awaitedIn: status,
    replies: replies.map((r) => {
      const rule = ruleOf(r.trigger);
      const ends = SAGA_OUTCOMES.includes(rule.to);
      return { reasonFromReply: false, ...r, awaitedIn: sourcesOf(r.trigger, status), to: rule.to, emits: rule.emits ?? null, ends };
    }),
  };
}

/** The saga as the orchestrator runs it: each step with the event asking for it, its replies and where they lead. */
export const checkoutSaga = {
  begins,
  hold: spec.hold,
  steps: spec.steps.map(step),
  timeout: { ...spec.timeout, from: timeout.from, to: timeout.to, emits: timeout.emits ?? null },
  outcomes: SAGA_OUTCOMES,
};

/** The event that tells promotions what became of an order's held promotion, when this event of the order's decides it. */
export const promotionFollowUp = (event: OrderEvent): EventType | undefined => spec.hold.completion[event] ?? spec.hold.compensation[event];
