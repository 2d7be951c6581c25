import type { Config, ServiceModule } from '@mercato/kernel';
import type { EmbeddedOptions, EmbeddedShop } from './embedded/shop.ts';
import type { RunningProcess } from './distributed/serve-service.ts';

/**
 * The host: what runs Mercato's services. Every service in one process on PGlite (embedded), one service
 * per process on PostgreSQL, NATS and Redis (distributed), the gateway process, and the cluster launcher.
 * The entry stays light: a process loads only the host it runs (and, for `serve <service>`, that service).
 */
export { loadConfig, type Config } from '@mercato/kernel';
export type { EmbeddedOptions, EmbeddedShop } from './embedded/shop.ts';
export type { RunningProcess } from './distributed/serve-service.ts';
export { seedDemoShop, DEMO_CUSTOMER, injectCall, httpCall, type ApiCall } from './embedded/seed.ts';
export {
  pickFreePort,
  startCluster,
  parseReplicas,
  type Cluster,
  type ClusterOptions,
  type ClusterProcess,
} from './distributed/cluster.ts';
export { SERVICE_NAMES, loadService } from './services.ts';
export { COMPILED, mercatoCommand, ROOT } from './command.ts';

/** Every service in one process on one PGlite, behind the gateway's edge (`mercato start`). */
export async function startEmbeddedShop(opts: EmbeddedOptions): Promise<EmbeddedShop> {
  return (await import('./embedded/shop.ts')).startEmbeddedShop(opts);
}

/** One service as its own process (`mercato serve <service>`). */
export async function serveService(name: string, config: Config): Promise<RunningProcess> {
  return (await import('./distributed/serve-service.ts')).serveService(name, config);
}

/** The gateway as its own process (`mercato serve gateway`). */
export async function serveGateway(config: Config): Promise<RunningProcess> {
  return (await import('./distributed/serve-gateway.ts')).serveGateway(config);
}

/** Every service module, loaded (for what needs them all: the embedded shop, the gateway, manifests' checks). */
export async function loadServices(): Promise<ServiceModule[]> {
  return (await import('./all-services.ts')).SERVICES;
}
