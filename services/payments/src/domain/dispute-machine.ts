import { DISPUTE_STATUSES } from '@mercato/contracts';
import { defineStateMachine } from '@mercato/kernel';

/** A chargeback: the shop answers with evidence once, and the bank decides while it is open. */
export const disputeMachine = defineStateMachine({
  name: 'dispute',
  states: DISPUTE_STATUSES,
  initial: ['NEEDS_RESPONSE'],
  terminal: ['WON', 'LOST'],
  triggers: ['evidence', 'won', 'lost'],
  transitions: [
    { trigger: 'evidence', from: ['NEEDS_RESPONSE'], to: 'UNDER_REVIEW' },
    { trigger: 'won', from: ['NEEDS_RESPONSE', 'UNDER_REVIEW'], to: 'WON', emits: 'dispute.closed' },
    { trigger: 'lost', from: ['NEEDS_RESPONSE', 'UNDER_REVIEW'], to: 'LOST', emits: 'dispute.closed' },
  ],
});

export type DisputeStep = (typeof disputeMachine.spec.triggers)[number];
