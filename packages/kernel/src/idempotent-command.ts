import type { Cache } from './cache/cache.ts';
import { assertSameRequest, fingerprint } from './fingerprint.ts';
import type { Logger } from './logger.ts';

/** What an earlier request with the same key created, with the fingerprint of that request's body. */
export interface IdempotentRecord<R> {
  result: R;
  fingerprint: string;
}

export interface IdempotencyRequest {
  /** Whose key it is: keys are unique per caller, never across callers. */
  owner: string;
  key: string;
  fingerprint: string;
}

export interface IdempotentCommandSpec<I, R extends { id: string }> {
  /** The record the database keeps of a key (its unique key on owner and key is the arbiter of races). */
  lookup(owner: string, key: string): Promise<IdempotentRecord<R> | null>;
  /**
   * Carries the command out for a key not seen yet, storing the key and fingerprint with what it
   * creates. Null when a concurrent request with the same key won: its record is then replayed.
   */
  execute(input: I, request: IdempotencyRequest): Promise<R | null>;
  /**
   * A record of each key in the cache (Redis when distributed, so every replica sees it), read
   * instead of the database on the hot path. An unreachable cache only costs the shortcut.
   */
  cache?: { store: Cache; prefix: string; ttlMs: number; logger: Logger; load(id: string): Promise<R | null> };
}

export interface IdempotentOutcome<R> {
  result: R;
  /** True when the key had been used already and this is its earlier result. */
  replayed: boolean;
}

/**
 * The one idempotent-command wrapper (Idempotency-Key): the same key with the same body answers what
 * the first request created, the same key with another body is refused (422), and two requests
 * racing with one key create one thing.
 */
export function idempotentCommand<I, R extends { id: string }>(spec: IdempotentCommandSpec<I, R>) {
  const { cache } = spec;
  const cacheKey = (owner: string, key: string) => `${cache!.prefix}:idempotency:${owner}:${key}`;

  async function recorded(owner: string, key: string): Promise<IdempotentRecord<R> | null> {
    if (!cache) return spec.lookup(owner, key);
    const raw = await cache.store.get(cacheKey(owner, key)).catch((err: unknown) => {
      cache.logger.warn({ err }, 'idempotency record unreadable; the database decides');
      return null;
    });
    if (!raw) return null;
    const record = JSON.parse(raw) as { id: string; fingerprint: string };
    const result = await cache.load(record.id);
    return result ? { result, fingerprint: record.fingerprint } : null;
  }

  function replay(record: IdempotentRecord<R>, hash: string): IdempotentOutcome<R> {
    assertSameRequest(record.fingerprint, hash);
    return { result: record.result, replayed: true };
  }

  return async function run(owner: string, key: string, input: I): Promise<IdempotentOutcome<R>> {
    const hash = fingerprint(input);
    const earlier = await recorded(owner, key);
    if (earlier) return replay(earlier, hash);
    const created = await spec.execute(input, { owner, key, fingerprint: hash });
    if (!created) {
      const winner = await spec.lookup(owner, key);
      if (!winner) throw new Error(`idempotency key ${key} was taken, but its record is missing`);
      return replay(winner, hash);
    }
    if (cache) {
      // Not awaited: the answer does not wait for the shortcut (embedded, it is a commit of its own).
      void cache.store
        .set(cacheKey(owner, key), JSON.stringify({ id: created.id, fingerprint: hash }), cache.ttlMs)
        .catch((err: unknown) => cache.logger.warn({ err }, 'could not record the idempotency key'));
    }
    return { result: created, replayed: false };
  };
}
