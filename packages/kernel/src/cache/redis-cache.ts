import { Redis } from 'ioredis';
import type { Cache } from './cache.ts';

/** The cache port on Redis: shared by every replica, so rate limits and carts hold across them. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(url: string, namespace: string) {
    this.redis = new Redis(url, { keyPrefix: `${namespace}:`, maxRetriesPerRequest: 2, enableOfflineQueue: true });
    // Connection errors surface through commands and readiness; the client reconnects by itself.
    this.redis.on('error', () => {});
  }

  get(key: string) {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlMs?: number) {
    if (ttlMs) await this.redis.set(key, value, 'PX', ttlMs);
    else await this.redis.set(key, value);
  }

  async del(key: string) {
    await this.redis.del(key);
  }

  async incr(key: string, ttlMs: number) {
    const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, ttlMs, 'NX').exec()) as [[null, number], unknown];
    return count;
  }

  async ping() {
    await this.redis.ping();
  }

  async close() {
    this.redis.disconnect();
  }
}
