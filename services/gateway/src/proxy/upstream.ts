import { CircuitBreaker } from '@mercato/kernel';

/** One service behind the gateway: its replicas (taken in turn) and its circuit breaker. */
export class Upstream {
  private turn = 0;
  readonly breaker: CircuitBreaker;

  constructor(
    readonly name: string,
    readonly urls: string[],
    breaker: { failures: number; cooldownMs: number },
  ) {
    if (!urls.length) throw new Error(`no URL for upstream ${name}`);
    this.breaker = new CircuitBreaker(breaker.failures, breaker.cooldownMs);
  }

  next(): string {
    return this.urls[this.turn++ % this.urls.length]!;
  }
}
