import { REVIEW_STATUSES } from '@mercato/contracts';
import { defineStateMachine } from '@mercato/kernel';

/** A review is visible from the moment it is written until an admin hides it; they may show it again. */
export const reviewMachine = defineStateMachine({
  name: 'review',
  states: REVIEW_STATUSES,
  initial: ['visible'],
  terminal: [],
  triggers: ['hide', 'show'],
  transitions: [
    { trigger: 'hide', from: ['visible'], to: 'hidden' },
    { trigger: 'show', from: ['hidden'], to: 'visible' },
  ],
});

export type ModerationTrigger = (typeof reviewMachine.spec.triggers)[number];
