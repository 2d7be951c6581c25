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
    return this.call(this.redis.get(key));
  }

  async set(key: string, value: string, ttlMs?: number) {
    await this.call(ttlMs ? this.redis.set(key, value, 'PX', ttlMs) : this.redis.set(key, value));
  }

  async del(key: string) {
    await this.call(this.redis.del(key));
  }

  async incr(key: string, ttlMs: number) {
    const [[, count]] = (await this.call(this.redis.multi().incr(key).pexpire(key, ttlMs, 'NX').exec())) as [[null, number], unknown];
    return count;
  }

  /** Every command goes through here, so an unreachable Redis is always the same 503. */
  private call<T>(command: Promise<T>): Promise<T> {
    return command.catch((e: unknown) => {
      throw translate(e);
    });
  }

  async ping() {
    await this.redis.ping();
  }

  close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}
