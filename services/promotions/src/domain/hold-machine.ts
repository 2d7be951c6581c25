import { defineStateMachine } from '@mercato/kernel';

/**
 * An order's use of a promotion: HELD while the order is on its way, REDEEMED once it is confirmed,
 * RELEASED when it fails or is cancelled, or when it expires because its order never came to be.
 * Nothing is final: an order whose hold expired may still come through and take it again.
 */
export const holdMachine = defineStateMachine({
  name: 'promotion-hold',
  states: ['HELD', 'REDEEMED', 'RELEASED'],
  initial: ['HELD'],
  terminal: [],
  triggers: ['redeem', 'release', 'expire'],
  transitions: [
    { trigger: 'redeem', from: ['HELD', 'RELEASED'], to: 'REDEEMED' },
    { trigger: 'release', from: ['HELD', 'REDEEMED'], to: 'RELEASED' },
    { trigger: 'expire', from: ['HELD'], to: 'RELEASED' },
  ],
});

export type HoldStatus = (typeof holdMachine.spec.states)[number];
export type HoldTrigger = (typeof holdMachine.spec.triggers)[number];

/** Where a trigger moves a hold from, and to: each trigger has one transition in the table. */
export function holdMove(trigger: HoldTrigger): { from: readonly HoldStatus[]; to: HoldStatus } {
  const rule = holdMachine.spec.transitions.find((r) => r.trigger === trigger);
  if (!rule) throw new Error(`promotion-hold: no transition for ${trigger}`);
  return { from: rule.from, to: rule.to };
}
