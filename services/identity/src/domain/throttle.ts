import { windowAt } from '@mercato/kernel';

/** What a throttle answers: go ahead, or come back in `retryAfterMs`. */
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

const ALLOWED: ThrottleVerdict = { allowed: true };

/** A budget per client address: `max` attempts per fixed window; 0 turns it off. */
export interface AddressBudget {
  max: number;
  windowMs: number;
}

/** An account's lock: a few free failures, then a delay that doubles with each further one, up to a cap. */
export interface AccountPolicy {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** An address that has spent its window's budget waits for the next window. */
export function addressVerdict(spent: number, budget: AddressBudget, now: number): ThrottleVerdict {
  if (budget.max === 0 || spent < budget.max) return ALLOWED;
  return { allowed: false, retryAfterMs: windowAt(now, budget.windowMs).endsAt - now };
}

/** How long an account is locked after its `failures`-th failure in a row: 0 while the failures are free. */
export function lockDelayMs(failures: number, policy: AccountPolicy): number {
  const beyond = failures - policy.freeFailures;
  if (beyond <= 0) return 0;
  // Past 2^40 the doubling is far beyond any cap; stopping there keeps the number finite.
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(beyond - 1, 40));
}

/** Locked until `lockedUntil` (ms since the epoch), or not locked when null. */
export function accountVerdict(lockedUntil: number | null, now: number): ThrottleVerdict {
  if (lockedUntil === null || lockedUntil <= now) return ALLOWED;
  return { allowed: false, retryAfterMs: lockedUntil - now };
}

/** The first failure past the free ones starts a lockout; the ones after it only lengthen it. */
export const startsLockout = (failures: number, policy: AccountPolicy): boolean => failures === policy.freeFailures + 1;
