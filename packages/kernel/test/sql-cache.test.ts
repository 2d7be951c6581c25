import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, SqlCache, type Db } from '../src/index.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SqlCache', () => {
  let db: Db;
  let cache: SqlCache;

  beforeAll(async () => {
    db = await openPglite();
    cache = await SqlCache.open(db);
  });
  afterAll(async () => {
    cache.close();
    await db.close();
  });

  it('sets, overwrites, reads and deletes values', async () => {
    expect(await cache.get('a')).toBeNull();
    await cache.set('a', 'one');
    expect(await cache.get('a')).toBe('one');
    await cache.set('a', 'two', 60_000);
    expect(await cache.get('a')).toBe('two');
    await cache.del('a');
    expect(await cache.get('a')).toBeNull();
    await cache.del('never-set');
  });

  it('hides a value once its TTL has passed, and the sweep deletes it', async () => {
    await cache.set('short', 'x', 40);
    await cache.set('long', 'y', 60_000);
    expect(await cache.get('short')).toBe('x');
    await sleep(80);
    expect(await cache.get('short')).toBeNull();
    expect(await cache.get('long')).toBe('y');
    expect(await cache.deleteExpired()).toBeGreaterThanOrEqual(1);
    expect(await db.query("SELECT key FROM cache.entries WHERE key = 'short'")).toEqual([]);
  });

  it('a write without a TTL does not expire, and a later write without one clears an old TTL', async () => {
    await cache.set('k', 'v', 30);
    await cache.set('k', 'w');
    await sleep(60);
    expect(await cache.get('k')).toBe('w');
  });

  it('increments atomically under concurrency', async () => {
    const counts = await Promise.all(Array.from({ length: 25 }, () => cache.incr('hits', 60_000)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(await cache.get('hits')).toBe('25');
  });

  it('keeps the first TTL across increments and restarts the count once it expired', async () => {
    expect(await cache.incr('window', 60)).toBe(1);
    await sleep(30);
    expect(await cache.incr('window', 60)).toBe(2);
    await sleep(50);
    expect(await cache.incr('window', 60)).toBe(1);
  });

  it('opens again on a database that already has the table, keeping its rows', async () => {
    await cache.set('cart:user:1', '{"lines":[]}', 60_000);
    const again = await SqlCache.open(db);
    expect(await again.get('cart:user:1')).toBe('{"lines":[]}');
    again.close();
    await expect(cache.ping()).resolves.toBeUndefined();
  });
});
