import { createHttpApp, remoteVerifier, serviceUrls, type Config } from '@mercato/kernel';
import {
  deadLetterRoutes,
  gatewayRateLimit,
  MergedDocs,
  orderEventsRoute,
  OrderUpdates,
  orderUpdatesSubscription,
  registerProxy,
  Upstream,
  webAppRoutes,
} from '@mercato/gateway';
import { SERVICES } from '../all-services.ts';
import { connectInfrastructure } from './infrastructure.ts';
import type { RunningProcess } from './serve-service.ts';

/** The gateway as its own process: JWT check, rate limits, and a proxy with a circuit breaker per service. */
export async function serveGateway(config: Config): Promise<RunningProcess> {
  const urls = serviceUrls(config);
  const missing = SERVICES.filter((s) => !urls[s.name]).map((s) => s.name);
  if (missing.length) throw new Error(`no URL for ${missing.join(', ')}: set SERVICE_URLS or <NAME>_URL`);
  const infra = await connectInfrastructure('gateway', config);
  const breaker = { failures: config.BREAKER_FAILURES, cooldownMs: config.BREAKER_COOLDOWN };
  const upstreams = SERVICES.map((s) => new Upstream(s.name, urls[s.name], breaker));
  const docs = new MergedDocs(upstreams, infra.logger);

  const verifier = remoteVerifier(new URL('/.well-known/jwks.json', urls.identity[0]).toString());
  const app = await createHttpApp({
    logger: infra.logger,
    verifier,
    health: infra.health,
    metrics: infra.metrics,
    instance: config.MERCATO_INSTANCE,
    trustProxy: config.TRUST_PROXY,
    docs: { title: 'Mercato API', version: '0.1.0', transform: docs.transform },
  });
  app.addHook('onRequest', gatewayRateLimit(config, infra.cache));
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/docs/json')) await docs.beforeServing();
  });
  deadLetterRoutes(app, infra.bus);
  // Each gateway replica follows every order event itself and pushes to the browsers connected to it.
  const orderUpdates = new OrderUpdates();
  infra.bus.subscribe(orderUpdatesSubscription(orderUpdates));
  orderEventsRoute(app, { verifier, updates: orderUpdates });
  await webAppRoutes(app);
  registerProxy(
    app,
    SERVICES.flatMap((s, i) => s.publicPaths.map((prefix) => ({ prefix, upstream: upstreams[i] }))),
    { timeoutMs: config.UPSTREAM_TIMEOUT },
  );
  await infra.bus.start();
  docs.start();
  await app.listen({ port: config.PORT, host: config.HOST });
  return {
    url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
    async stop() {
      docs.stop();
      await app.close();
      await infra.close();
    },
  };
}
