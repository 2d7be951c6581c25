import type { ReturnStatus } from '@mercato/contracts';

/** What can happen to a return: staff decisions, the parcel's arrival, the customer withdrawing it, the refund. */
export type ReturnAction = 'approve' | 'reject' | 'receive' | 'cancel' | 'refunded';

const FROM: Record<ReturnAction, readonly ReturnStatus[]> = {
  approve: ['REQUESTED'],
  reject: ['REQUESTED'],
  receive: ['APPROVED'],
  // Once the parcel is back, its items are restocked and the money is on its way: too late to withdraw.
  cancel: ['REQUESTED', 'APPROVED'],
  refunded: ['RECEIVED'],
};

const TO: Record<ReturnAction, ReturnStatus> = {
  approve: 'APPROVED',
  reject: 'REJECTED',
  receive: 'RECEIVED',
  cancel: 'CANCELLED',
  refunded: 'REFUNDED',
};

/** The status after the action, or null when it does not apply: a late or repeated step is a no-op. */
export function returnTransition(status: ReturnStatus, action: ReturnAction): ReturnStatus | null {
  return FROM[action].includes(status) ? TO[action] : null;
}

/** The statuses in which a return still claims its items: the rest of the order is what may be returned. */
export const CLAIMING: readonly ReturnStatus[] = ['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED'];
