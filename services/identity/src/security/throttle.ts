import { retryAfterSeconds, tooManyRequests, windowAt, type Cache } from '@mercato/kernel';
import { createHash } from 'node:crypto';
import {
  accountVerdict,
  addressVerdict,
  lockDelayMs,
  startsLockout,
  type AccountPolicy,
  type AddressBudget,
  type ThrottleVerdict,
} from '../domain/throttle.ts';
import type { IdentitySettings } from '../settings.ts';

/** What a client address is counted for, each against its own budget. Password-reset requests will be one more. */
export type AddressKind = 'sign_in' | 'registration';

/** Keys hold a digest, not the address itself: the cache needs no one's email in the clear. */
const digest = (email: string) => createHash('sha256').update(email).digest('base64url');

function refuseUnless(verdict: ThrottleVerdict): void {
  if (verdict.allowed) return;
  const seconds = retryAfterSeconds(verdict.retryAfterMs);
  throw tooManyRequests('too_many_attempts', `Too many attempts; try again in ${seconds} s`, seconds);
}

/**
 * The one throttle of sign-ins and registrations. Its counts live in the cache port, so with Redis
 * every identity replica sees the same ones. An account is keyed by its normalised email whether it
 * exists or not, so the answers never tell which emails have accounts.
 */
export class Throttle {
  private readonly budgets: Record<AddressKind, AddressBudget>;
  private readonly policy: AccountPolicy;
  private readonly failureMemoryMs: number;

  constructor(
    private readonly cache: Cache,
    settings: IdentitySettings,
  ) {
    this.budgets = {
      sign_in: { max: settings.SIGN_IN_FAILURES_PER_ADDRESS, windowMs: settings.SIGN_IN_ADDRESS_WINDOW },
      registration: { max: settings.REGISTRATIONS_PER_ADDRESS_PER_HOUR, windowMs: 3_600_000 },
    };
    this.policy = {
      freeFailures: settings.SIGN_IN_FREE_FAILURES,
      firstDelayMs: settings.SIGN_IN_FIRST_LOCK,
      maxDelayMs: settings.SIGN_IN_MAX_LOCK,
    };
    this.failureMemoryMs = settings.SIGN_IN_FAILURE_MEMORY;
  }

  /** 429 when the address has spent its budget of this kind in the current window. */
  async checkAddress(kind: AddressKind, address: string): Promise<void> {
    const budget = this.budgets[kind];
    if (budget.max === 0) return;
    const now = Date.now();
    const spent = Number((await this.cache.get(this.addressKey(kind, address, now))) ?? 0);
    refuseUnless(addressVerdict(spent, budget, now));
  }

  /** Counts one attempt of this kind against the address (a failed sign-in, a registration). */
  async countAddress(kind: AddressKind, address: string): Promise<number> {
    const budget = this.budgets[kind];
    if (budget.max === 0) return 0;
    return this.cache.incr(this.addressKey(kind, address, Date.now()), budget.windowMs);
  }

  /** Counts one attempt and refuses it (429) when the address had spent its budget already. */
  async spendAddress(kind: AddressKind, address: string): Promise<void> {
    const spent = await this.countAddress(kind, address);
    refuseUnless(addressVerdict(spent - 1, this.budgets[kind], Date.now()));
  }

  /** 429 while the account is locked, whatever the password. */
  async checkAccount(email: string): Promise<void> {
    const until = await this.cache.get(`throttle:lock:${digest(email)}`);
    refuseUnless(accountVerdict(until === null ? null : Number(until), Date.now()));
  }

  /**
   * Counts a failed sign-in against the account and locks it once past the free failures. Answers
   * the lock's end when this failure started a lockout (the owner hears of that once), else null.
   */
  async accountFailed(email: string): Promise<Date | null> {
    const key = digest(email);
    const failures = await this.cache.incr(`throttle:failures:${key}`, this.failureMemoryMs);
    const delay = lockDelayMs(failures, this.policy);
    if (delay === 0) return null;
    const until = Date.now() + delay;
    await this.cache.set(`throttle:lock:${key}`, String(until), delay);
    return startsLockout(failures, this.policy) ? new Date(until) : null;
  }

  /** A right password forgets the account's failures. */
  async accountSucceeded(email: string): Promise<void> {
    const key = digest(email);
    await this.cache.del(`throttle:failures:${key}`);
    await this.cache.del(`throttle:lock:${key}`);
  }

  private addressKey(kind: AddressKind, address: string, now: number): string {
    return `throttle:${kind}:${address}:${windowAt(now, this.budgets[kind].windowMs).index}`;
  }
}
