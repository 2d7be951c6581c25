import type { Cache } from '../cache/cache.ts';
import type { ServiceClient } from '../clients/service-client.ts';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/db.ts';
import type { EventEnvelope, EventRegistry } from '../events/envelope.ts';
import type { Outbox } from '../events/outbox.ts';
import type { HttpApp } from '../http/app.ts';
import type { Logger } from '../logger.ts';
import type { StateMachine } from '../state-machine.ts';
import type { z } from 'zod';

/** What the host hands a service: its ports, already wired for the run mode. */
export interface ServiceContext<R extends EventRegistry = EventRegistry, Settings = unknown, Upstream extends string = string> {
  name: string;
  /** The PostgreSQL schema holding this service's tables (its database in distributed mode). */
  schema: string;
  db: Db;
  outbox: Outbox<R>;
  cache: Cache;
  /** The platform's settings (and the environment, for the host). */
  config: Config;
  /** This service's own settings, parsed from the environment with its module's schema at start. */
  settings: Settings;
  logger: Logger;
  /** The HTTP APIs of the services this one declared as its upstreams, checked at start. */
  clients: Readonly<Record<Upstream, ServiceClient>>;
}

/**
 * Applies one event inside the transaction that also records it in the inbox. The bus has checked the payload
 * against the registry's schema for the handler's key; each handler declares that payload's type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler's payload type follows its key (the event type)
export type EventHandler = (event: EventEnvelope<any>, tx: Tx) => Promise<void>;

export interface Timer {
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/** A running service: its routes, its event handlers by type, and its periodic jobs. */
export interface ServiceInstance {
  routes(app: HttpApp): void | Promise<void>;
  /** Its routes for other services (`internalOnly`, under /internal/): never on the gateway, so apart from `routes` in one process. */
  internalRoutes?(app: HttpApp): void | Promise<void>;
  handlers?: Record<string, EventHandler>;
  timers?: Timer[];
  /** Public key material and similar that the host may need (identity's JWKS). */
  exports?: Record<string, unknown>;
}

/** A service as a unit of deployment: a name, migrations and a factory. Never imports another service. */
export interface ServiceModule<R extends EventRegistry = EventRegistry, S extends z.ZodType = z.ZodType, U extends string = string> {
  name: string;
  /** Path prefixes of its public API; the gateway routes them to this service. */
  publicPaths: string[];
  migrationsDir: string;
  /** Its own settings (environment variables), validated when it starts. */
  settings?: S;
  /** The services it calls over HTTP; starting without a client for one of them is an error. */
  upstreams?: readonly U[];
  /** Its lifecycles, checked when it starts: an unreachable state or an undefined trigger stops the start. */
  stateMachines?: readonly StateMachine<string, string, string>[];
  /** Builds its routes, handlers and timers; a promise when it must load something first. */
  create(ctx: ServiceContext<R, z.output<S>, U>): ServiceInstance | Promise<ServiceInstance>;
}

/**
 * Declares a service speaking the events of registry R (`defineService<EventSchemas>()({...})`),
 * inferring its settings' type and the names of its upstreams from the definition.
 */
export function defineService<R extends EventRegistry = EventRegistry>() {
  return <S extends z.ZodType = z.ZodType<undefined>, const U extends string = never>(
    module: ServiceModule<R, S, U>,
  ): ServiceModule<R, S, U> => module;
}
