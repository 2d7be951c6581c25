import { RETURN_STATUSES } from '@mercato/contracts';
import { defineStateMachine } from '@mercato/kernel';

/**
 * A return's lifecycle: staff decide on the request, record the parcel's arrival, the refund closes
 * it; the customer may withdraw it on the way.
 */
export const returnMachine = defineStateMachine({
  name: 'return',
  states: RETURN_STATUSES,
  initial: ['REQUESTED'],
  terminal: ['REJECTED', 'REFUNDED', 'CANCELLED'],
  triggers: ['approve', 'reject', 'receive', 'cancel', 'refunded'],
  transitions: [
    { trigger: 'approve', from: ['REQUESTED'], to: 'APPROVED', emits: 'return.approved' },
    { trigger: 'reject', from: ['REQUESTED'], to: 'REJECTED', emits: 'return.rejected' },
    { trigger: 'receive', from: ['APPROVED'], to: 'RECEIVED', emits: 'return.received' },
    // Once the parcel is back, its items are restocked and the money is on its way: too late to withdraw.
    { trigger: 'cancel', from: ['REQUESTED', 'APPROVED'], to: 'CANCELLED' },
    { trigger: 'refunded', from: ['RECEIVED'], to: 'REFUNDED' },
  ],
});

export type ReturnTrigger = (typeof returnMachine.spec.triggers)[number];

/** A rejected or withdrawn return leaves its items with the customer; every other one claims them. */
const RELEASING: readonly ReturnTrigger[] = ['reject', 'cancel'];
const released = new Set(returnMachine.spec.transitions.filter((t) => RELEASING.includes(t.trigger)).map((t) => t.to));

/** The statuses in which a return still claims its items: the rest of the order is what may be returned. */
export const CLAIMING = returnMachine.spec.states.filter((s) => !released.has(s));
