// The gateway's building blocks, which the host (@mercato/host) assembles into the embedded shop's
// edge and the distributed gateway process: routing and proxying with a circuit breaker per
// upstream, merged API docs, the rate limit, live order events, the web app, dead-letter admin routes.
export { deadLetterRoutes } from './admin/dead-letters.ts';
export { MergedDocs } from './proxy/docs.ts';
export { registerProxy } from './proxy/proxy.ts';
export { Upstream } from './proxy/upstream.ts';
export { gatewayRateLimit } from './rate-limit.ts';
export { orderEventsRoute } from './realtime/order-events-route.ts';
export { OrderUpdates, orderUpdatesSubscription } from './realtime/order-updates.ts';
export { webAppRoutes, WEB_DIST_DIR } from './web/web-app.ts';
