import { CircuitBreaker } from '@mercato/kernel';

export interface Replica {
  url: string;
  breaker: CircuitBreaker;
}

/**
 * One service behind the gateway: its replicas, taken in turn, each behind a circuit breaker of
 * its own, so a dead replica is skipped while the others serve, and a dead service answers 503 at once.
 */
export class Upstream {
  private turn = 0;
  readonly replicas: Replica[];

  constructor(
    readonly name: string,
    urls: string[],
    breaker: { failures: number; cooldownMs: number },
  ) {
    if (!urls.length) throw new Error(`no URL for upstream ${name}`);
    this.replicas = urls.map((url) => ({ url, breaker: new CircuitBreaker(breaker.failures, breaker.cooldownMs) }));
  }

  /** The next replica whose breaker lets a call through; null when every one is open. */
  pick(): Replica | null {
    for (let i = 0; i < this.replicas.length; i++) {
      const index = (this.turn + i) % this.replicas.length;
      const replica = this.replicas[index];
      if (replica.breaker.allow()) {
        this.turn = index + 1;
        return replica;
      }
    }
    return null;
  }

  retryAfterSeconds(): number {
    return Math.min(...this.replicas.map((r) => r.breaker.retryAfterSeconds()));
  }
}
