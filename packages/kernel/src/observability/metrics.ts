import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  eventsHandled: Counter<'consumer' | 'type' | 'outcome'>;
}

/** One Prometheus registry per process, labelled with what runs in it. */
export function createMetrics(processName: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'mercato_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    eventsHandled: new Counter({
      name: 'mercato_events_handled_total',
      help: 'Events handled by consumer, type and outcome (applied, duplicate, failed)',
      labelNames: ['consumer', 'type', 'outcome'],
      registers: [registry],
    }),
  };
}
