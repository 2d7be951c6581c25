import { unavailable, type Cache } from '@mercato/kernel';

const LOCK_TTL_MS = 5_000;
const WAIT_MS = 2_000;
const RETRY_MS = 10;

/**
 * Runs `fn` while holding a lock kept in the cache port, so replicas of the service exclude one
 * another too. The first increment of the lock's counter wins; the TTL frees a lock whose holder died.
 */
export async function withCacheLock<T>(cache: Cache, name: string, fn: () => Promise<T>): Promise<T> {
  const key = `lock:${name}`;
  const deadline = Date.now() + WAIT_MS;
  while ((await cache.incr(key, LOCK_TTL_MS)) !== 1) {
    if (Date.now() > deadline) throw unavailable('cart_busy', 'Another change to this cart is in progress; try again');
    await new Promise((r) => setTimeout(r, RETRY_MS));
  }
  try {
    return await fn();
  } finally {
    await cache.del(key);
  }
}
