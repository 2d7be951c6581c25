/** The cache port: short-lived keyed state (carts, rate limits, idempotency). Redis in distributed mode. */
export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Atomically adds one and returns the new count; the TTL starts with the first increment. */
  incr(key: string, ttlMs: number): Promise<number>;
  ping(): Promise<void>;
}

/** One process's cache: a map with expiry, for the embedded mode and tests. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  get(key: string): Promise<string | null> {
    const e = this.entries.get(key);
    if (!e) return Promise.resolve(null);
    if (e.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return Promise.resolve(null);
    }
    return Promise.resolve(e.value);
  }

  set(key: string, value: string, ttlMs = 365 * 24 * 3_600_000): Promise<void> {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    return Promise.resolve();
  }

  del(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  /** Synchronous inside, so overlapping calls never read the same count. */
  incr(key: string, ttlMs: number): Promise<number> {
    const now = Date.now();
    const e = this.entries.get(key);
    const live = e && e.expiresAt > now ? e : null;
    const next = (live ? Number(live.value) : 0) + 1;
    this.entries.set(key, { value: String(next), expiresAt: live ? live.expiresAt : now + ttlMs });
    return Promise.resolve(next);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }
}
