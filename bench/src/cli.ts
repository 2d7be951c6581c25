import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewayNoopRate, pgliteCommitRate, postgresCommitRate } from './ceilings.ts';
import { Api } from './client.ts';
import { checkAll, collect } from './invariants.ts';
import { planMix } from './mix.ts';
import { allInvariantsHold, machine, renderTable, type Report } from './report.ts';
import { seed } from './seed.ts';
import { countBy, perOrder, ratePerSecond, ratio, summarize } from './stats.ts';
import { attachUrl, bootCluster, bootEmbedded, type SystemMode, type Target } from './target.ts';
import { runWorkload } from './workload.ts';

export const USAGE = `usage: npm run bench -- [options]

  --mode embedded|cluster   boot \`mercato start\` on a fresh data dir (embedded, the default) or
                            \`npm run start:cluster\` on a fresh MERCATO_NAMESPACE (cluster)
  --url URL                 drive a system that is already running instead (admin credentials from
                            MERCATO_ADMIN_EMAIL / MERCATO_ADMIN_PASSWORD); --mode then names its engine
  --orders N                checkouts to run (default 1000)
  --concurrency C           virtual customers, each placing an order and waiting for its outcome (default 16)
  --rate R                  start R orders per second at most (open loop; the customers are the ceiling on
                            orders in flight), e.g. half the closed-loop maximum to measure latency there
  --json FILE               also write the report as JSON
  --seed S                  seed of the workload mix (default 1)
  --ceiling-ms MS           how long each ceiling is measured (default 2000)
  --tracking sse|poll       learn outcomes from the customers' live streams, GET /api/events (default; falls
                            back to polling when the system has none), or by polling the open orders
  --poll-ms MS              how often order outcomes are polled without live streams (default 20)
  --system-node-args S      node flags for the booted system only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
                            (embedded: flags of its process; cluster: NODE_OPTIONS of its processes)
`;

export interface BenchArgs {
  mode: SystemMode;
  url: string | null;
  orders: number;
  concurrency: number;
  rate: number | null;
  json: string | null;
  seed: number;
  ceilingMs: number;
  pollMs: number;
  tracking: 'sse' | 'poll';
  systemNodeArgs: string[];
}

const int = (name: string, value: string | undefined, min: number, max: number) => {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} takes an integer from ${min} to ${max}`);
  return n;
};

/** Parses the command line (`--name value` or `--name=value`); throws with a message on bad input. */
export function parseArgs(argv: string[]): BenchArgs | 'help' {
  const args: BenchArgs = {
    mode: 'embedded',
    url: null,
    orders: 1000,
    concurrency: 16,
    rate: null,
    json: null,
    seed: 1,
    ceilingMs: 2000,
    pollMs: 20,
    tracking: 'sse',
    systemNodeArgs: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new Error(`unexpected argument ${arg}`);
    const name = m[1];
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    switch (name) {
      case 'mode':
        if (value !== 'embedded' && value !== 'cluster') throw new Error('--mode is embedded or cluster');
        args.mode = value;
        break;
      case 'url':
        if (!/^https?:\/\/[^\s/]+/.test(value)) throw new Error('--url takes an http(s) URL');
        args.url = value;
        break;
      case 'orders':
        args.orders = int(name, value, 1, 10_000_000);
        break;
      case 'concurrency':
        args.concurrency = int(name, value, 1, 1024);
        break;
      case 'rate': {
        const r = Number(value);
        if (!Number.isFinite(r) || r <= 0 || r > 1_000_000) throw new Error('--rate takes a positive number of orders per second');
        args.rate = r;
        break;
      }
      case 'json':
        args.json = value;
        break;
      case 'seed':
        args.seed = int(name, value, 0, 2 ** 31 - 1);
        break;
      case 'ceiling-ms':
        args.ceilingMs = int(name, value, 100, 600_000);
        break;
      case 'poll-ms':
        args.pollMs = int(name, value, 1, 10_000);
        break;
      case 'tracking':
        if (value !== 'sse' && value !== 'poll') throw new Error('--tracking is sse or poll');
        args.tracking = value;
        break;
      case 'system-node-args':
        args.systemNodeArgs = value.split(/\s+/).filter(Boolean);
        break;
      default:
        throw new Error(`unknown option --${name}`);
    }
  }
  return args;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

export async function runBench(args: BenchArgs): Promise<Report> {
  const bootOptions = { log, nodeArgs: args.systemNodeArgs };
  const target: Target = args.url
    ? attachUrl(args.url, args.mode)
    : args.mode === 'embedded'
      ? await bootEmbedded(bootOptions)
      : await bootCluster(bootOptions);
  const interrupted = () => {
    log('interrupted: stopping the system');
    void target.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  const api = new Api(target.url, args.concurrency * 2 + 16);
  try {
    log(`target ${target.url}`);
    const mix = planMix({ orders: args.orders, seed: args.seed });
    const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    const seeded = await seed(api, mix, { runId, customers: args.concurrency, admin: target.admin, log });

    log(`measuring ceilings (${args.ceilingMs} ms each)`);
    const database =
      target.database.engine === 'pglite'
        ? await pgliteCommitRate(args.ceilingMs)
        : await postgresCommitRate(target.database.url, args.ceilingMs);
    const gateway = await gatewayNoopRate(api, args.concurrency, args.ceilingMs);

    log(`running ${args.orders} checkouts from ${args.concurrency} virtual customers${args.rate ? `, at most ${args.rate} a second` : ''}`);
    const startedAt = new Date().toISOString();
    const cpuBefore = target.cpuTimeMs();
    const txBefore = await target.transactions();
    const workload = await runWorkload(api, seeded, mix, {
      concurrency: args.concurrency,
      rate: args.rate,
      pollMs: args.pollMs,
      streams: args.tracking === 'sse',
      stockSampleMs: 250,
      terminalTimeoutMs: 120_000,
      log,
    });

    const cpuAfter = target.cpuTimeMs();
    let txAfter: Record<string, number> | null = null;
    if (txBefore) {
      // PostgreSQL publishes its transaction counts within about a second of the work.
      await new Promise((r) => setTimeout(r, 1500));
      txAfter = await target.transactions();
    }
    log('checking invariants');
    const snapshot = await collect(api, seeded, workload, { terminalTimeoutMs: 60_000, settleTimeoutMs: 30_000, reuseChecks: 3, log });
    const invariants = checkAll(seeded, workload, snapshot);

    const confirmed = snapshot.orders.filter((o) => o.status === 'CONFIRMED').length;
    const confirmedPerSecond = ratePerSecond(confirmed, workload.durationMs);
    const accepted = workload.placed.filter((p) => p.httpStatus === 202);
    return {
      mode: args.mode,
      orders: args.orders,
      concurrency: args.concurrency,
      ...(args.rate ? { rate: args.rate } : {}),
      durationS: Math.round(workload.durationMs) / 1000,
      confirmedPerSecond,
      placeLatencyMs: summarize(accepted.map((p) => p.placeMs)),
      endToEndLatencyMs: summarize(accepted.filter((p) => p.endToEndMs !== null).map((p) => p.endToEndMs!)),
      statusCounts: countBy(
        [...snapshot.orders].sort((a, b) => a.status.localeCompare(b.status)),
        (o) => o.status,
      ),
      invariants,
      ceilings: {
        database,
        gateway,
        throughputVsDatabase: ratio(confirmedPerSecond, database.commitsPerSecond),
        throughputVsGateway: ratio(confirmedPerSecond, gateway.requestsPerSecond),
      },
      machine: machine(),
      run: {
        startedAt,
        url: target.url,
        booted: !args.url,
        seed: args.seed,
        tracking: workload.tracking,
        systemCpu:
          cpuBefore === null || cpuAfter === null
            ? null
            : {
                msPerOrder: Math.round(((cpuAfter - cpuBefore) / args.orders) * 100) / 100,
                utilization: Math.round(((cpuAfter - cpuBefore) / workload.durationMs) * 100) / 100,
              },
        transactionsPerOrder: txBefore && txAfter ? perOrder(txBefore, txAfter, args.orders) : null,
        duplicateSubmissions: workload.duplicates.length,
        errors: workload.errors.length,
        errorSamples: workload.errors.slice(0, 10),
      },
    };
  } finally {
    process.off('SIGINT', interrupted);
    api.close();
    await target.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const report = await runBench(args);
  process.stdout.write(renderTable(report));
  if (args.json) {
    writeFileSync(resolve(args.json), JSON.stringify(report, null, 2) + '\n');
    log(`report written to ${args.json}`);
  }
  const ok = allInvariantsHold(report.invariants) && report.run.errors === 0;
  if (!ok) log('FAILED: an invariant does not hold or requests failed');
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`bench: ${(e as Error)?.stack ?? e}\n`);
      process.exit(1);
    },
  );
}
