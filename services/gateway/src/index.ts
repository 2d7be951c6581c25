export { startEmbeddedShop, type EmbeddedShop, type EmbeddedOptions } from './embedded/shop.ts';
export { seedDemoShop, DEMO_CUSTOMER, injectCall, httpCall } from './embedded/seed.ts';
export { serveService, type RunningProcess } from './distributed/serve-service.ts';
export { serveGateway } from './distributed/serve-gateway.ts';
export { pickFreePort, startCluster, parseReplicas, type Cluster, type ClusterProcess } from './distributed/cluster.ts';
export { SERVICES } from './all-services.ts';
export { SERVICE_NAMES, loadService } from './services.ts';
