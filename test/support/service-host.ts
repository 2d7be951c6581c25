import { eventSchemas, type EventPayload, type EventType } from '@mercato/contracts';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  HealthChecks,
  loadConfig,
  localVerifier,
  makeEnvelope,
  MemoryCache,
  mountService,
  newId,
  openPglite,
  serviceCredentialHeaders,
  SqlCache,
  unauthorized,
  type EventBus,
  type EventEnvelope,
  type Principal,
  type Role,
  type ServiceClient,
  type ServiceModule,
  type Subscription,
  type TokenVerifier,
} from '@mercato/kernel';
import type { JSONWebKeySet } from 'jose';
import { caller, type SignedIn } from './http.ts';

export interface HostOptions {
  /** Settings, as environment variables (LOG_LEVEL is silent; registrations per address unlimited: every test signs up from 127.0.0.1). */
  env?: Record<string, string>;
  /** The other services it calls, by name: small fakes the test configures (fakes.ts). None by default. */
  clients?: Record<string, ServiceClient>;
  /** 'memory' (default), or 'sql': the shop's cache table in the same PGlite, which a test can read. */
  cache?: 'memory' | 'sql';
  /**
   * 'minted' (default): tokens the test mints with tokenFor, for any principal it likes;
   * 'own-jwks': real JWTs verified against the key set the service exports (identity hosted alone).
   */
  tokens?: 'minted' | 'own-jwks';
}

/**
 * One service mounted by the real host code on an in-memory PGlite, with its real routes and a bus
 * that only records the subscription: a test delivers envelopes itself, exactly as the bus would,
 * and reads what the service published from its outbox table. What it calls of other services is
 * whatever the test passes as `clients`. This is what a service's API tests boot; the whole shop
 * (shop.ts) is for the tests whose assertions span services (test/shop).
 */
export async function hostService(module: ServiceModule, opts: HostOptions = {}) {
  const db = await openPglite();
  const { bus, subscription } = recordingBus();
  const logger = createLogger('test', 'silent');
  const metrics = createMetrics('test');
  const config = loadConfig({ LOG_LEVEL: 'silent', REGISTRATIONS_PER_ADDRESS_PER_HOUR: '0', ...opts.env });
  const cache = opts.cache === 'sql' ? await SqlCache.open(db) : new MemoryCache();
  const mounted = await mountService(module, {
    db,
    bus,
    cache,
    config,
    logger,
    metrics,
    registry: eventSchemas,
    clients: opts.clients ?? {},
  });

  const principals = new Map<string, Principal>();
  const minted: TokenVerifier = {
    async verify(token) {
      const p = principals.get(token);
      if (!p) throw unauthorized('Invalid or expired access token');
      return p;
    },
  };
  const verifier = opts.tokens === 'own-jwks' ? localVerifier(mounted.instance.exports!.jwks as () => JSONWebKeySet) : minted;
  // As a service in its own process: public and internal routes on one app, behind the installation's secret.
  const serviceSecret = config.SERVICE_SECRET ?? `test-service-secret-${newId()}`;
  const app = await createHttpApp({ logger, metrics, health: new HealthChecks(), verifier, serviceSecret });
  await mounted.instance.routes(app);
  await mounted.instance.internalRoutes?.(app);
  await app.ready();

  let minting = 0;
  /** Issues a bearer token for a user of the given roles; each call gives a new token (another device). */
  const tokenFor = (userId: string, role: Role | Role[] = 'customer', name = 'Test Customer') => {
    const token = `token-${userId}-${++minting}`;
    principals.set(token, { userId, email: `${userId}@test.local`, name, roles: Array.isArray(role) ? role : [role] });
    return token;
  };

  const signedIn = (role: Role = 'customer'): SignedIn => {
    const id = newId();
    const roles: Role[] = role === 'customer' ? ['customer'] : [role, 'customer'];
    return { id, email: `${id}@test.local`, token: tokenFor(id, roles) };
  };

  const event = <T extends EventType>(type: T, payload: EventPayload<T>): EventEnvelope<EventPayload<T>> =>
    makeEnvelope(eventSchemas, type, 'aggregate', payload);
  const deliver = (e: EventEnvelope<unknown>) => {
    const s = subscription();
    if (!s) throw new Error(`${module.name} handles no events`);
    return s.handle(e);
  };

  return {
    db,
    app,
    mounted,
    config,
    /** Calls the service's routes in-process and parses JSON, as the shop's `call` does through the gateway. */
    call: caller(() => app),
    tokenFor,
    /** What another service sends to the internal routes: the installation's secret and its name. */
    serviceHeaders: serviceCredentialHeaders({ secret: serviceSecret, caller: 'orders' }),
    /** A signed-in user: a fresh id and a minted token (admin and ops roles include customer, as identity grants them). */
    signedIn,
    /** A customer who signed up, as identity announces one (`user.registered`), signed in. */
    async signedUp(name = 'Test Customer'): Promise<SignedIn> {
      const customer = signedIn();
      await deliver(event('user.registered', { userId: customer.id, email: customer.email, name }));
      return customer;
    },
    /** A token of a staff member with the admin role. */
    adminToken: tokenFor(newId(), ['admin', 'customer'], 'Administrator'),
    event,
    deliver,
    /** Builds an event and delivers it, returning the envelope. */
    async receive<T extends EventType>(type: T, payload: EventPayload<T>) {
      const e = event(type, payload);
      await deliver(e);
      return e;
    },
    async published(): Promise<EventEnvelope<any>[]> {
      const rows = await db.query<{ envelope: EventEnvelope<any> }>(`SELECT envelope FROM ${module.name}.outbox ORDER BY seq`);
      return rows.map((r) => r.envelope);
    },
    async close() {
      await app.close();
      await mounted.stop();
      if (cache instanceof SqlCache) cache.close();
      await db.close();
    },
  };
}

export type Host = Awaited<ReturnType<typeof hostService>>;

/** A bus that delivers nothing by itself: it keeps the service's subscription for a test to call. */
export function recordingBus(): { bus: EventBus; subscription: () => Subscription | undefined } {
  let subscription: Subscription | undefined;
  const bus: EventBus = {
    subscribe: (s) => void (subscription = s),
    drain: () => ({ kick() {} }),
    start: async () => {},
    stop: async () => {},
    listDeadLetters: async () => [],
    replayDeadLetter: async () => false,
    ping: async () => {},
  };
  return { bus, subscription: () => subscription };
}
