import { retryAfterSeconds } from '../fixed-window.ts';

/**
 * A circuit breaker per upstream, without I/O: after `failures` consecutive failures it opens
 * and refuses calls for `cooldownMs`; then one trial call decides whether it closes again.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly failures: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a call may go ahead now; a half-open breaker lets exactly one through. */
  allow(): boolean {
    if (this.state === 'open' && this.now() - this.openedAt >= this.cooldownMs) this.state = 'half-open';
    if (this.state === 'closed') return true;
    if (this.state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  /** Seconds until the next trial is allowed, for Retry-After. */
  retryAfterSeconds(): number {
    return retryAfterSeconds(this.cooldownMs - (this.now() - this.openedAt));
  }

  succeeded(): void {
    this.state = 'closed';
    this.consecutiveFailures = 0;
    this.trialInFlight = false;
  }

  failed(): void {
    this.trialInFlight = false;
    this.consecutiveFailures++;
    if (this.state === 'half-open' || this.consecutiveFailures >= this.failures) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }

  get current(): BreakerState {
    return this.state;
  }
}
