import { eventSchemas } from '@mercato/contracts';
import {
  createHttpApp,
  httpClient,
  localVerifier,
  mountService,
  openServiceDatabase,
  remoteVerifier,
  serviceUrls,
  type Config,
  type ServiceClient,
  type ServiceCredential,
  type TokenVerifier,
} from '@mercato/kernel';
import type { JSONWebKeySet } from 'jose';
import { loadService } from '../services.ts';
import { connectInfrastructure } from './infrastructure.ts';

export interface RunningProcess {
  url: string;
  stop(): Promise<void>;
}

/** Round-robins a service client over a service's replicas. */
function clientFor(name: string, urls: string[], credential: ServiceCredential): ServiceClient {
  const clients = urls.map((u) => httpClient(name, u, credential));
  let turn = 0;
  return { call: (schema, req) => clients[turn++ % clients.length].call(schema, req) };
}

/**
 * One service as its own process: its own database on the PostgreSQL server, the shared
 * JetStream bus and Redis, and HTTP clients for the services it calls.
 */
export async function serveService(name: string, config: Config): Promise<RunningProcess> {
  const module = await loadService(name);
  const secret = config.SERVICE_SECRET;
  if (!secret)
    throw new Error('SERVICE_SECRET is required to serve a service on its own: the same one for every service of the installation');
  const infra = await connectInfrastructure(name, config);
  const db = await openServiceDatabase(config.DATABASE_URL, `${config.MERCATO_NAMESPACE}_${name}`);
  infra.health.add('database', () => db.ping());

  const urls = serviceUrls(config);
  const clients = Object.fromEntries(Object.entries(urls).map(([n, u]) => [n, clientFor(n, u, { secret, caller: name })]));
  let jwks: (() => JSONWebKeySet) | null = null;
  let verifier: TokenVerifier;
  if (name === 'identity') verifier = localVerifier(() => jwks!());
  else if (urls.identity) verifier = remoteVerifier(new URL('/.well-known/jwks.json', urls.identity[0]).toString());
  else throw new Error('the identity service URL is needed to verify tokens: set SERVICE_URLS or IDENTITY_URL');

  const app = await createHttpApp({
    logger: infra.logger,
    verifier,
    health: infra.health,
    metrics: infra.metrics,
    instance: config.MERCATO_INSTANCE,
    // The gateway overwrites X-Forwarded-For with the client's address; only its connections are believed.
    trustProxy: config.GATEWAY_ADDRESSES,
    serviceSecret: secret,
    docs: { title: `Mercato ${name}`, version: '0.1.0' },
  });
  const mounted = await mountService(module, {
    db,
    bus: infra.bus,
    cache: infra.cache,
    config,
    logger: infra.logger,
    metrics: infra.metrics,
    registry: eventSchemas,
    clients,
  });
  if (name === 'identity') jwks = mounted.instance.exports!.jwks as () => JSONWebKeySet;
  await mounted.instance.routes(app);
  await mounted.instance.internalRoutes?.(app);
  await infra.bus.start();
  mounted.startTimers();
  await app.listen({ port: config.PORT, host: config.HOST });
  return {
    url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
    async stop() {
      await app.close();
      await mounted.stop();
      await infra.close();
      await db.close();
    },
  };
}
