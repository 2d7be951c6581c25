import type { Cache } from '../cache/cache.ts';
import type { ServiceClient } from '../clients/service-client.ts';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/db.ts';
import type { EventEnvelope, EventRegistry } from '../events/envelope.ts';
import type { Outbox } from '../events/outbox.ts';
import type { HttpApp } from '../http/app.ts';
import type { Logger } from '../logger.ts';

/** What the host hands a service: its ports, already wired for the run mode. */
export interface ServiceContext<R extends EventRegistry = EventRegistry> {
  name: string;
  /** The PostgreSQL schema holding this service's tables (its database in distributed mode). */
  schema: string;
  db: Db;
  outbox: Outbox<R>;
  cache: Cache;
  config: Config;
  logger: Logger;
  /** Other services' HTTP APIs, by service name. */
  clients: Record<string, ServiceClient>;
}

/** Applies one event inside the transaction that also records it in the inbox. */
export type EventHandler = (event: EventEnvelope<any>, tx: Tx) => Promise<void>;

export interface Timer {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/** A running service: its routes, its event handlers by type, and its periodic jobs. */
export interface ServiceInstance {
  routes(app: HttpApp): void | Promise<void>;
  handlers?: Record<string, EventHandler>;
  timers?: Timer[];
  /** Public key material and similar that the host may need (identity's JWKS). */
  exports?: Record<string, unknown>;
}

/** A service as a unit of deployment: a name, migrations and a factory. Never imports another service. */
export interface ServiceModule<R extends EventRegistry = EventRegistry> {
  name: string;
  /** Path prefixes of its public API; the gateway routes them to this service. */
  publicPaths: string[];
  migrationsDir: string;
  create(ctx: ServiceContext<R>): Promise<ServiceInstance>;
}
