import {
  connectNats,
  createLogger,
  createMetrics,
  HealthChecks,
  JetStreamBus,
  RedisCache,
  type Config,
  type Logger,
  type Metrics,
} from '@mercato/kernel';
import type { NatsConnection } from '@nats-io/nats-core';

/** What every distributed process holds: a logger, metrics, NATS, Redis, and readiness over them. */
export interface Infrastructure {
  logger: Logger;
  metrics: Metrics;
  health: HealthChecks;
  nc: NatsConnection;
  bus: JetStreamBus;
  cache: RedisCache;
  close(): Promise<void>;
}

export async function connectInfrastructure(processName: string, config: Config): Promise<Infrastructure> {
  const logger = createLogger(processName, config.LOG_LEVEL);
  const metrics = createMetrics(processName);
  const health = new HealthChecks();
  const nc = await connectNats(config.NATS_URL, `${config.MERCATO_NAMESPACE}-${processName}`);
  const bus = new JetStreamBus(nc, {
    namespace: config.MERCATO_NAMESPACE,
    maxDeliver: config.EVENT_MAX_DELIVER,
    ackWaitMs: config.EVENT_ACK_WAIT,
    logger,
  });
  const cache = new RedisCache(config.REDIS_URL, config.MERCATO_NAMESPACE);
  health.add('nats', () => bus.ping());
  health.add('redis', () => cache.ping());
  return {
    logger,
    metrics,
    health,
    nc,
    bus,
    cache,
    async close() {
      await bus.stop();
      await nc.drain().catch(() => {});
      await cache.close();
    },
  };
}
