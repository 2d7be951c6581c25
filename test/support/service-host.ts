import { eventSchemas, type EventPayload, type EventType } from '@mercato/contracts';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  HealthChecks,
  loadConfig,
  makeEnvelope,
  MemoryCache,
  mountService,
  openPglite,
  unauthorized,
  type EventBus,
  type EventEnvelope,
  type Principal,
  type ServiceClient,
  type ServiceModule,
  type Subscription,
} from '@mercato/kernel';

/**
 * One service mounted by the real host code on an in-memory PGlite, with a bus that only
 * records the subscription: a test delivers envelopes itself, exactly as the bus would,
 * and reads what the service published from its outbox table.
 */
export async function hostService(module: ServiceModule<any, any, any>, env: Record<string, string> = {}, clients: Record<string, ServiceClient> = {}) {
  const db = await openPglite();
  const { bus, subscription } = recordingBus();
  const logger = createLogger('test', 'silent');
  const metrics = createMetrics('test');
  const mounted = await mountService(module, {
    db,
    bus,
    cache: new MemoryCache(),
    config: loadConfig(env),
    logger,
    metrics,
    registry: eventSchemas,
    clients,
  });

  const principals = new Map<string, Principal>();
  const app = await createHttpApp({
    logger,
    metrics,
    health: new HealthChecks(),
    verifier: {
      async verify(token) {
        const p = principals.get(token);
        if (!p) throw unauthorized('Invalid or expired access token');
        return p;
      },
    },
  });
  await mounted.instance.routes(app);
  await app.ready();

  return {
    db,
    app,
    mounted,
    /** Issues a bearer token for a user of the given role. */
    tokenFor(userId: string, role: 'customer' | 'admin' = 'customer') {
      const token = `token-${userId}-${role}`;
      principals.set(token, { userId, email: `${userId}@test.local`, name: 'Test', roles: [role] });
      return token;
    },
    event<T extends EventType>(type: T, payload: EventPayload<T>): EventEnvelope<EventPayload<T>> {
      return makeEnvelope(eventSchemas, type, 'aggregate', payload);
    },
    deliver: (event: EventEnvelope<unknown>) => subscription()!.handle(event),
    async published(): Promise<EventEnvelope<any>[]> {
      const rows = await db.query<{ envelope: EventEnvelope<any> }>(`SELECT envelope FROM ${module.name}.outbox ORDER BY seq`);
      return rows.map((r) => r.envelope);
    },
    async close() {
      await app.close();
      await mounted.stop();
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
