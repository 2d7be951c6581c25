import { eventSchemas } from '@mercato/contracts';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  EmbeddedBus,
  generatedServiceSecret,
  HealthChecks,
  INTERNAL_PREFIX,
  injectClient,
  localVerifier,
  mountService,
  openPglite,
  MemoryCache,
  SqlCache,
  type Config,
  type Db,
  type HttpApp,
  type MountedService,
  type ServiceClient,
} from '@mercato/kernel';
import type { JSONWebKeySet } from 'jose';
import { join } from 'node:path';
import {
  deadLetterRoutes,
  gatewayRateLimit,
  orderEventsRoute,
  OrderUpdates,
  orderUpdatesSubscription,
  webAppRoutes,
} from '@mercato/gateway';
import { SERVICES } from '../all-services.ts';

export interface EmbeddedShop {
  /** The gateway: every public route, on the socket when listening. */
  app: HttpApp;
  /** The routes between services, which only the services' own clients reach, in the process. */
  internalApp: HttpApp;
  /** The one database every service's schema lives in. */
  db: Db;
  /** Where it listens; null when started without a socket (tests). */
  url: string | null;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  config: Config;
  /** false keeps the database in memory (tests). */
  persistent?: boolean;
  listen?: boolean;
  /** The built web app to serve at `/` (default: apps/web/dist). */
  webDistDir?: string;
}

/**
 * Every service in one process on one PGlite: the gateway mounts their public routes in its own
 * Fastify app, and service-to-service calls go in-process through the same app, or through an app
 * of their own for the internal routes, which the gateway therefore cannot route.
 */
export async function startEmbeddedShop({ config, persistent = true, listen = true, webDistDir }: EmbeddedOptions): Promise<EmbeddedShop> {
  const logger = createLogger('mercato', config.LOG_LEVEL);
  const db = await openPglite(persistent ? join(config.MERCATO_DATA_DIR, 'pgdata') : undefined);
  const bus = new EmbeddedBus(db, { maxDeliver: config.EVENT_MAX_DELIVER, logger });
  const metrics = createMetrics('mercato');
  const health = new HealthChecks();
  health.add('database', () => db.ping());
  health.add('bus', () => bus.ping());
  // Carts live in the cache; on the shop's own database they survive a restart, as they would in Redis.
  const cache = await SqlCache.open(db);
  health.add('cache', () => cache.ping());

  let jwks: () => JSONWebKeySet = () => ({ keys: [] });
  const verifier = localVerifier(() => jwks());
  const app = await createHttpApp({
    logger,
    verifier,
    health,
    metrics,
    trustProxy: config.TRUST_PROXY,
    docs: { title: 'Mercato API', version: '0.1.0', description: 'Checkout, catalog, inventory, payments and notifications.' },
  });
  const secret = config.SERVICE_SECRET ?? generatedServiceSecret();
  const internalApp = await createHttpApp({ logger, verifier, health, metrics, serviceSecret: secret });
  const appFor = (path: string) => (path.startsWith(INTERNAL_PREFIX) ? internalApp : app);
  const clientsOf = (caller: string): Record<string, ServiceClient> =>
    Object.fromEntries(SERVICES.map((s) => [s.name, injectClient(s.name, appFor, { secret, caller })]));
  const deps = { db, bus, cache, config, logger, metrics, registry: eventSchemas };

  const mounted: MountedService[] = [];
  for (const module of SERVICES) mounted.push(await mountService(module, { ...deps, clients: clientsOf(module.name) }));
  const identity = mounted.find((m) => m.name === 'identity')!;
  jwks = identity.instance.exports!.jwks as () => JSONWebKeySet;
  for (const m of mounted) {
    await m.instance.routes(app);
    await m.instance.internalRoutes?.(internalApp);
  }
  // A single process counts requests exactly in memory, with no database statement per request.
  app.addHook('onRequest', gatewayRateLimit(config, new MemoryCache()));
  deadLetterRoutes(app, bus);
  const orderUpdates = new OrderUpdates();
  bus.subscribe(orderUpdatesSubscription(orderUpdates));
  orderEventsRoute(app, { verifier, updates: orderUpdates });
  await webAppRoutes(app, webDistDir);

  await bus.start();
  for (const m of mounted) m.startTimers();
  await Promise.all([app.ready(), internalApp.ready()]);

  let url: string | null = null;
  if (listen) {
    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    url = `http://localhost:${port}`;
  }

  let stopped = false;
  return {
    app,
    internalApp,
    db,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all([app.close(), internalApp.close()]);
      await Promise.all(mounted.map((m) => m.stop()));
      await bus.stop();
      cache.close();
      await db.close();
    },
  };
}
