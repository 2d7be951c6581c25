import { Redis, ReplyError } from 'ioredis';
import { unavailable } from '../errors.ts';
import type { Cache } from './cache.ts';

/** Anything but a reply from the server means Redis is out of reach: a 503 the client may retry. */
function translate(e: unknown): unknown {
  return e instanceof ReplyError ? e : unavailable('cache_unavailable', 'The cache is unreachable; retry shortly');
}

/** The cache port on Redis: shared by every replica, so rate limits and carts hold across them. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(url: string, namespace: string) {
    this.redis = new Redis(url, { keyPrefix: `${namespace}:`, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    // Connection errors surface through commands and readiness; the client reconnects by itself.
    this.redis.on('error', () => {});
  }

  get(key: string) {
    return this.redis.get(key).catch((e) => Promise.reject(translate(e)));
  }

  async set(key: string, value: string, ttlMs?: number) {
    await (ttlMs ? this.redis.set(key, value, 'PX', ttlMs) : this.redis.set(key, value)).catch((e) => Promise.reject(translate(e)));
  }

  async del(key: string) {
    await this.redis.del(key).catch((e) => Promise.reject(translate(e)));
  }

  async incr(key: string, ttlMs: number) {
    const result = await this.redis
      .multi()
      .incr(key)
      .pexpire(key, ttlMs, 'NX')
      .exec()
      .catch((e) => Promise.reject(translate(e)));
    const [[, count]] = result as [[null, number], unknown];
    return count;
  }

  async ping() {
    await this.redis.ping();
  }

  async close() {
    this.redis.disconnect();
  }
}
