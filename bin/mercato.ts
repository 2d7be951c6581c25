import { loadConfig } from '@mercato/kernel';
import { DEMO_CUSTOMER, seedDemoShop, startEmbeddedShop } from '@mercato/gateway';

const USAGE = `usage: mercato start    every service in one process (embedded mode)`;

async function start() {
  const config = loadConfig();
  const shop = await startEmbeddedShop({ config });
  const seeded = config.MERCATO_SEED ? await seedDemoShop(shop.app, config) : false;
  const stop = async () => {
    await shop.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(
    [
      '',
      `Mercato is running (embedded mode, data in ${config.MERCATO_DATA_DIR})${seeded ? ' with a demo catalog' : ''}`,
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

const [command] = process.argv.slice(2);
if (command === 'start') {
  start().catch((err) => {
    process.stderr.write(`mercato: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
