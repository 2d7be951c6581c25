import { z } from 'zod';
import { AppError } from './errors.ts';

/** Settings people type: booleans, durations. Shared by the platform's schema and every service's own. */
export const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** ISO-8601-free durations people type: "15m", "30s", "2h", "30d", "500ms" or plain milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text}`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit]!;
}

export const duration = z.string().transform((v, ctx) => {
  try {
    return parseDuration(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});

/**
 * The platform's settings: how a process runs (ports, engines, the host's demo shop, the gateway's
 * limits). A service's own settings are its module's `settings` schema, parsed by `loadSettings`.
 */
export const platformSettings = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  MERCATO_DATA_DIR: z.string().default('./.mercato'),
  MERCATO_ADMIN_EMAIL: z.string().email().default('admin@mercato.local'),
  MERCATO_ADMIN_PASSWORD: z.string().min(8).default('admin-password-123'),
  MERCATO_SEED: bool.default(true),
  EVENT_MAX_DELIVER: z.coerce.number().int().min(1).default(8),
  /** How long JetStream waits for an ack before giving the event to another replica. */
  EVENT_ACK_WAIT: duration.default(30_000),
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  MERCATO_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case letters, digits and underscores, starting with a letter')
    .default('mercato'),
  SERVICE_URLS: z.string().default(''),
  /**
   * The credential services present to each other's internal routes: one per installation, required
   * by a service in its own process; the embedded shop makes a fresh one when it is unset.
   */
  SERVICE_SECRET: z.string().min(32, 'at least 32 characters (openssl rand -base64 32)').optional(),
  /** An opaque name for this process that /health/ready answers with: the cluster launcher sets it to tell its processes from strangers. */
  MERCATO_INSTANCE: z.string().optional(),
  /** Trust X-Forwarded-For from a proxy in front (an ingress), so rate limits see the real client. */
  TRUST_PROXY: bool.default(false),
  /**
   * Where a service (distributed mode) believes X-Forwarded-For from: the gateway's addresses, which it sets
   * to the client's. Anyone else's header is ignored, so a client cannot pick the address it is counted under.
   */
  GATEWAY_ADDRESSES: z.string().min(1).default('loopback'),
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(6000),
  RATE_LIMIT_WINDOW: duration.default(60_000),
  UPSTREAM_TIMEOUT: duration.default(5_000),
  BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
  BREAKER_COOLDOWN: duration.default(5_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Environment = Readonly<Record<string, string>>;

/** The platform's settings, and the environment they came from, for the services' own settings. */
export type Config = z.infer<typeof platformSettings> & { readonly env: Environment };

/** Parses settings from the environment (unset and empty variables take their defaults), or says at start what is wrong. */
export function loadSettings<S extends z.ZodType>(schema: S, env: Environment, owner = 'platform'): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError(500, 'invalid_config', `invalid configuration of ${owner}: ${detail}`);
  }
  return parsed.data;
}

/** The one config loader: every setting comes from the environment, validated, with documented defaults. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env: Environment = Object.freeze(
    Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')),
  );
  return { ...loadSettings(platformSettings, env), env };
}

/**
 * Where each service answers, from SERVICE_URLS (`orders=http://orders:8080,...`, replicas
 * separated by `|`) and per-service `<NAME>_URL` variables, which win.
 */
export function serviceUrls(config: Config, env: Record<string, string | undefined> = process.env): Record<string, string[]> {
  const urls: Record<string, string[]> = {};
  for (const entry of config.SERVICE_URLS.split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [name, value] = entry.split('=');
    if (!name || !value) throw new AppError(500, 'invalid_config', `SERVICE_URLS entry "${entry}" is not name=url`);
    urls[name] = value.split('|');
  }
  for (const [key, value] of Object.entries(env)) {
    const m = /^([A-Z]+)_URL$/.exec(key);
    if (m && value && !['DATABASE', 'NATS', 'REDIS', 'SMTP', 'SMS'].includes(m[1])) urls[m[1].toLowerCase()] = value.split('|');
  }
  return urls;
}
