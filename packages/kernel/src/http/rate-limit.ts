import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Cache } from '../cache/cache.ts';
import { tooManyRequests } from '../errors.ts';
import { retryAfterSeconds, windowAt } from '../fixed-window.ts';
import { clientAddress } from './client-address.ts';

export interface RateLimitOptions {
  cache: Cache;
  /** Requests per window per client; 0 turns limiting off. */
  max: number;
  windowMs: number;
  /** Paths that are never limited (probes, metrics). */
  exempt?: (url: string) => boolean;
}

/**
 * Fixed-window limits per client: the signed-in user, else the client address. The counter lives
 * in the cache port, so with Redis every gateway replica counts against the same budget. It fails
 * open: while the cache is unreachable, requests are not limited.
 */
export function rateLimitHook(opts: RateLimitOptions) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (opts.max === 0 || opts.exempt?.(req.url)) return;
    const client = req.principal ? `u:${req.principal.userId}` : `ip:${clientAddress(req)}`;
    const window = windowAt(Date.now(), opts.windowMs);
    // Without its counter store the gateway lets requests through rather than fail the whole shop.
    const count = await opts.cache.incr(`ratelimit:${client}:${window.index}`, opts.windowMs).catch((err) => {
      req.log.warn({ err }, 'rate limit not counted: cache unreachable');
      return 0;
    });
    const remaining = Math.max(0, opts.max - count);
    reply.header('ratelimit-limit', opts.max).header('ratelimit-remaining', remaining);
    if (count > opts.max) {
      const retryAfter = retryAfterSeconds(window.endsAt - Date.now());
      throw tooManyRequests('rate_limited', `Too many requests; retry in ${retryAfter} s`, retryAfter);
    }
  };
}
