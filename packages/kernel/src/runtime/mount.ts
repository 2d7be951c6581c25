import type { Cache } from '../cache/cache.ts';
import type { ServiceClient } from '../clients/service-client.ts';
import { loadSettings, type Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import type { EventBus } from '../events/bus.ts';
import { checkEnvelope, type EventEnvelope, type EventRegistry } from '../events/envelope.ts';
import { claimInbox, messagingTablesSql, Outbox } from '../events/outbox.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { ServiceContext, ServiceInstance, ServiceModule, Timer } from './service.ts';

/**
 * How long a batch of events waits for a row lock before it gives up and its events are handled one
 * by one. Handlers take their locks in order for one event, but two batches can hold them crosswise,
 * and PostgreSQL would only break that deadlock after a second.
 */
const BATCH_LOCK_TIMEOUT_MS = 100;

export interface MountDeps {
  db: Db;
  bus: EventBus;
  cache: Cache;
  config: Config;
  logger: Logger;
  metrics: Metrics;
  registry: EventRegistry;
  clients: Record<string, ServiceClient>;
}

export interface MountedService {
  name: string;
  instance: ServiceInstance;
  startTimers(): void;
  stop(): Promise<void>;
}

/**
 * Wires a service module to its ports: migrates its schema, gives it an outbox the bus drains,
 * and subscribes its handlers so that each event's effects commit together with its inbox row.
 */
export async function mountService(module: ServiceModule, deps: MountDeps): Promise<MountedService> {
  const { db, bus, registry } = deps;
  const schema = module.name;
  const logger = deps.logger.child({ service: module.name });
  for (const machine of module.stateMachines ?? []) machine.check();
  const settings = module.settings ? loadSettings(module.settings, deps.config.env, module.name) : undefined;
  const missing = (module.upstreams ?? []).filter((u: string) => !deps.clients[u]);
  if (missing.length) throw new Error(`${module.name} needs a client for ${missing.join(', ')}`);
  await migrate(db, schema, [
    { version: 0, name: '000_messaging.sql', sql: messagingTablesSql(schema) },
    ...loadMigrations(module.migrationsDir),
  ]);
  const drain = bus.drain({ service: module.name, db, schema });
  const ctx: ServiceContext = {
    name: module.name,
    schema,
    db,
    outbox: new Outbox(schema, registry, drain.kick),
    cache: deps.cache,
    config: deps.config,
    settings,
    logger,
    clients: deps.clients,
  };
  const instance = await module.create(ctx);
  const handlers = instance.handlers ?? {};
  if (Object.keys(handlers).length) {
    const apply = async (raw: EventEnvelope[]) => {
      const events = raw.map((e) => checkEnvelope(registry, e));
      const fresh = await db.transaction(
        async (tx) => {
          const claimed = await claimInbox(
            tx,
            schema,
            module.name,
            events.map((e) => e.id),
          );
          const applied = new Set<string>();
          for (const event of events) {
            // The same event twice in one batch (a redelivery) is applied once.
            if (!claimed.has(event.id) || applied.has(event.id)) continue;
            applied.add(event.id);
            await handlers[event.type](event, tx);
          }
          return applied;
        },
        events.length > 1 ? { lockTimeoutMs: BATCH_LOCK_TIMEOUT_MS } : {},
      );
      for (const event of events) {
        const outcome = fresh.delete(event.id) ? 'applied' : 'duplicate';
        deps.metrics.eventsHandled.inc({ consumer: module.name, type: event.type, outcome });
      }
    };
    bus.subscribe({
      consumer: module.name,
      types: Object.keys(handlers),
      handle: async (event: EventEnvelope) => {
        try {
          await apply([event]);
        } catch (e) {
          deps.metrics.eventsHandled.inc({ consumer: module.name, type: event.type, outcome: 'failed' });
          throw e;
        }
      },
      // A failed batch is not counted: the bus hands its events to `handle` one by one next.
      handleBatch: apply,
    });
  }
  const timers = (instance.timers ?? []).map((t) => new TimerLoop(t, logger));
  return {
    name: module.name,
    instance,
    startTimers: () => timers.forEach((t) => t.start()),
    stop: async () => {
      await Promise.all(timers.map((t) => t.stop()));
    },
  };
}

/** Runs a periodic job; a slow run delays the next one instead of overlapping it. */
class TimerLoop {
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly timer: Timer,
    private readonly logger: Logger,
  ) {}

  start() {
    this.schedule();
  }

  private schedule() {
    if (this.stopped) return;
    this.handle = setTimeout(() => {
      this.running = this.timer
        .run()
        .catch((err) => this.logger.error({ err, timer: this.timer.name }, 'timer failed'))
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, this.timer.everyMs);
  }

  async stop() {
    this.stopped = true;
    if (this.handle) clearTimeout(this.handle);
    await this.running;
  }
}
