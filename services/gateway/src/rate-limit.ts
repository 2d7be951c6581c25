import { rateLimitHook, type Cache, type Config } from '@mercato/kernel';

const EXEMPT = /^\/(health|metrics|docs)(\/|$|\?)/;

/** The gateway's per-client limit, in both modes; probes, metrics and docs are never limited. */
export const gatewayRateLimit = (config: Config, cache: Cache) =>
  rateLimitHook({ cache, max: config.RATE_LIMIT_MAX, windowMs: config.RATE_LIMIT_WINDOW, exempt: (url) => EXEMPT.test(url) });
