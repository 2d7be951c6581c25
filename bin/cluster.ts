import { DEMO_CUSTOMER, httpCall, loadConfig, seedDemoShop, startCluster } from '@mercato/host';

/** `npm run start:cluster`: every service as its own process on local PostgreSQL, NATS and Redis. */
async function main() {
  const config = loadConfig();
  const cluster = await startCluster({
    env: process.env,
    replicas: process.env.MERCATO_REPLICAS,
    nodeArgs: process.env.MERCATO_NODE_ARGS?.split(/\s+/).filter(Boolean),
    gatewayPort: config.PORT,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('stopping the cluster...\n');
    await cluster.stop();
    process.exit(0);
  };
  // The handler ends the process itself; a failing stop surfaces as an unhandled rejection, as before.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const url = `http://localhost:${config.PORT}`;
  const seeded = config.MERCATO_SEED ? await seedDemoShop(httpCall(cluster.gatewayUrl), config) : false;
  process.stdout.write(
    [
      '',
      `Mercato is running distributed (namespace ${config.MERCATO_NAMESPACE}): ${cluster.processes.map((p) => p.label).join(', ')}${seeded ? '; demo catalog seeded' : ''}`,
      `  Gateway:     ${url}`,
      `  API docs:    ${url}/docs`,
      `  Admin login: ${config.MERCATO_ADMIN_EMAIL} / ${config.MERCATO_ADMIN_PASSWORD}`,
      ...(config.MERCATO_SEED ? [`  Demo login:  ${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password}`] : []),
      'Ctrl-C stops every process.',
      '',
    ].join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`mercato cluster: ${describeError(err)}\n`);
  process.exit(1);
});

/** An error as the terminal should show it: its stack when it has one. */
function describeError(err: unknown): string {
  return err instanceof Error && err.stack ? err.stack : String(err);
}
