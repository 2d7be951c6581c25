import {
  DEMO_CUSTOMER,
  injectCall,
  loadConfig,
  seedDemoShop,
  SERVICE_NAMES,
  serveGateway,
  serveService,
  startEmbeddedShop,
} from '@mercato/host';

const services = ['gateway', ...SERVICE_NAMES];
const USAGE = `usage:
  mercato start              every service in one process (embedded mode, PGlite)
  mercato serve <service>    one service as its own process (distributed mode: PostgreSQL, NATS, Redis);
                             <service> is ${services.slice(0, -1).join(', ')} or ${services.at(-1)}`;

/**
 * Shuts down once, on the first SIGINT or SIGTERM. Later signals are ignored rather than left to kill
 * the process mid-shutdown: a launcher and its process group (or a second Ctrl-C) often send two.
 */
function onStop(stop: () => Promise<void>) {
  let stopping = false;
  const handler = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => {});
    process.exit(0);
  };
  // The handler catches stop's failure and ends the process itself.
  process.on('SIGINT', () => void handler());
  process.on('SIGTERM', () => void handler());
}

async function start() {
  const config = loadConfig();
  const shop = await startEmbeddedShop({ config });
  const seeded = config.MERCATO_SEED ? await seedDemoShop(injectCall(shop.app), config) : false;
  onStop(() => shop.stop());
  process.stdout.write(
    [
      '',
      `Mercato is running (embedded mode, data in ${config.MERCATO_DATA_DIR})${seeded ? ' with a demo catalog' : ''}`,
      `  Web shop:    ${shop.url}/`,
      `  Gateway:     ${shop.url}`,
      `  API docs:    ${shop.url}/docs`,
      `  Health:      ${shop.url}/health`,
      `  Metrics:     ${shop.url}/metrics`,
      `  Admin login: ${config.MERCATO_ADMIN_EMAIL} / ${config.MERCATO_ADMIN_PASSWORD}`,
      ...(config.MERCATO_SEED ? [`  Demo login:  ${DEMO_CUSTOMER.email} / ${DEMO_CUSTOMER.password}`] : []),
      '',
    ].join('\n') + '\n',
  );
}

/** One process, one service: the host loads only that service's code, so a cluster starts quickly. */
async function serve(name: string | undefined) {
  if (!name) throw new Error(USAGE);
  const config = loadConfig();
  const running = name === 'gateway' ? await serveGateway(config) : await serveService(name, config);
  onStop(() => running.stop());
  process.stdout.write(`${name} listening on ${running.url}\n`);
}

const [command, arg] = process.argv.slice(2);
const run = command === 'start' ? start : command === 'serve' ? () => serve(arg) : null;
if (!run) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
run().catch((err: unknown) => {
  process.stderr.write(`mercato: ${describeError(err)}\n`);
  process.exit(1);
});

/** An error as the terminal should show it: its stack when it has one. */
function describeError(err: unknown): string {
  return err instanceof Error && err.stack ? err.stack : String(err);
}
