import { ORDER_STATUSES, type EventType, type OrderStatus } from '@mercato/contracts';
import { awaitedIn, opening, orderMachine, type OrderEvent, type OrderTriggerKind } from './order-machine.ts';

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
      ],
      compensation: { on: 'order.cancelled', does: 'refund' },
    },
  ],
  timeout: { trigger: 'payment_timeout', setting: 'ORDER_PAYMENT_TIMEOUT' },
};

export interface SagaReply extends Omit<ReplySpec, 'reasonFromReply'> {
  reasonFromReply: boolean;
  /** The one status the reply applies in. */
  awaitedIn: OrderStatus;
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
const awaited = new Set(spec.steps.flatMap((s) => s.replies.map((r) => awaitedIn({ kind: r.trigger }))));
const replied = spec.steps.flatMap((s) => s.replies.map((r) => ruleOf(r.trigger).to));
const reached = new Set([...begins.map((b) => b.status), ...replied, timeout.to]);

/** Where the checkout saga ends: the statuses it reaches that no step awaits a reply in. A CONFIRMED order goes on to fulfilment. */
export const SAGA_OUTCOMES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => reached.has(s) && !awaited.has(s));

function step({ replies, ...rest }: StepSpec): SagaStep {
  const [status, ...others] = new Set(replies.map((r) => awaitedIn({ kind: r.trigger })));
  if (!status || others.length) throw new Error(`the replies to ${rest.service} are awaited in ${others.length + 1} statuses, not one`);
  return {
    ...rest,
    askedBy: publishedEntering(status),
    awaitedIn: status,
    replies: replies.map((r) => {
      const rule = ruleOf(r.trigger);
      const ends = SAGA_OUTCOMES.includes(rule.to);
      return { reasonFromReply: false, ...r, awaitedIn: status, to: rule.to, emits: rule.emits ?? null, ends };
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
