import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type SystemMode = 'embedded' | 'cluster';

export interface Target {
  mode: SystemMode;
  url: string;
  admin: { email: string; password: string };
  /** The engine whose commit rate is the run's database ceiling. */
  database: { engine: 'pglite' } | { engine: 'postgres'; url: string };
  /** Tears down what the bench started (nothing for --url). */
  stop(): Promise<void>;
  /** The system's own output so far, for error messages. */
  output(): string;
  /** CPU time (user + system) its processes have used so far, in ms; null when unknown (--url, not Linux). */
  cpuTimeMs(): number | null;
  /** Transactions each service's database has committed or rolled back so far; null when unknown (embedded, --url). */
  transactions(): Promise<Record<string, number> | null>;
}

const CLOCK_TICKS_PER_S = 100;

/** utime + stime of the process, or of every process in its group, from /proc (Linux). */
export function procCpuMs(pid: number, group = false): number | null {
  try {
    const stat = (p: string) => {
      const text = readFileSync(`/proc/${p}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may contain spaces.
      return text.slice(text.lastIndexOf(')') + 2).split(' ');
    };
    const ms = (f: string[]) => ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS_PER_S;
    if (!group) return ms(stat(String(pid)));
    let total = 0;
    for (const p of readdirSync('/proc')) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const f = stat(p);
        if (Number(f[2]) === pid) total += ms(f);
      } catch {
        /* gone meanwhile */
      }
    }
    return total;
  } catch {
    return null;
  }
}

export interface BootOptions {
  log: (line: string) => void;
  /**
   * Node flags for the system under test only, not for the load generator (e.g. --cpu-prof):
   * command-line flags of the embedded process; NODE_OPTIONS of the cluster's processes.
   */
  nodeArgs?: string[];
  startTimeoutMs?: number;
}

export const adminFromEnv = (env: NodeJS.ProcessEnv = process.env) => ({
  email: env.MERCATO_ADMIN_EMAIL || 'admin@mercato.local',
  password: env.MERCATO_ADMIN_PASSWORD || 'admin-password-123',
});

/**
 * Settings every booted system gets: no demo data, quiet logs, and neither the rate limit, the
 * registration throttle (every customer signs up from this machine) nor the fraud screening against the
 * load generator, whose few customers each order dozens of times a minute (the screening's velocity
 * signal, rightly).
 */
function systemEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MERCATO_SEED: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '0',
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: '0',
    FRAUD_SCREENING: 'false',
    JWT_ACCESS_TTL: '6h',
    ...extra,
  };
  return env;
}

class Output {
  private text = '';
  append(chunk: Buffer) {
    this.text = (this.text + chunk.toString()).slice(-64 * 1024);
  }
  toString() {
    return this.text;
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM (the system shuts down cleanly and writes any --cpu-prof profile), SIGKILL if it hangs. */
async function terminate(child: ChildProcess, group: boolean): Promise<void> {
  if (exited(child)) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      if (group) process.kill(-child.pid!, s);
      else child.kill(s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  if (!(await waitForExit(child, 20_000))) {
    signal('SIGKILL');
    await waitForExit(child, 5_000);
  }
}

/** Resolves with the first match of `pattern` in the child's output; rejects if it exits first. */
function waitForLine(child: ChildProcess, out: Output, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`the system did not start within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = () => {
      const m = pattern.exec(out.toString());
      if (m) finish(null, m);
    };
    const onExit = (code: number | null) => finish(new Error(`the system exited with ${code} before it was ready:\n${out}`));
    function finish(err: Error | null, m?: RegExpExecArray) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m!);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** `mercato start` as its own process on a fresh data dir, as a user runs it. */
export async function bootEmbedded(opts: BootOptions): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mercato-bench-'));
  const admin = adminFromEnv();
  const out = new Output();
  opts.log(`starting mercato (embedded, data in ${dataDir})`);
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--conditions=@mercato/source', '--import', 'tsx', 'bin/mercato.ts', 'start'],
    {
      cwd: ROOT,
      env: systemEnv({
        MERCATO_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        MERCATO_ADMIN_EMAIL: admin.email,
        MERCATO_ADMIN_PASSWORD: admin.password,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (c: Buffer) => out.append(c));
  child.stderr.on('data', (c: Buffer) => out.append(c));
  const cleanup = async () => {
    await terminate(child, false);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const m = await waitForLine(child, out, /Gateway:\s+(https?:\/\/\S+)/, opts.startTimeoutMs ?? 120_000);
    // It listens on 127.0.0.1; "localhost" may resolve to ::1 first.
    const url = m[1].replace('//localhost:', '//127.0.0.1:');
    return {
      mode: 'embedded',
      url,
      admin,
      database: { engine: 'pglite' },
      stop: cleanup,
      output: () => out.toString(),
      cpuTimeMs: () => procCpuMs(child.pid!),
      transactions: async () => null,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function clusterScript(root = ROOT): string | null {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return pkg.scripts?.['start:cluster'] ?? null;
}

async function ready(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * `npm run start:cluster`: every service as its own process plus the gateway, on the local
 * PostgreSQL, NATS and Redis, isolated from anything else there by a fresh MERCATO_NAMESPACE.
 */
export async function bootCluster(opts: BootOptions): Promise<Target> {
  if (!clusterScript()) {
    throw new Error(
      'cluster mode runs `npm run start:cluster`, and this checkout has no such script yet (it comes with the distributed mode). ' +
        'Start a distributed system yourself and point the bench at it with --url.',
    );
  }
  const namespace = `bench_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`.slice(0, 31);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const admin = adminFromEnv();
  const out = new Output();
  opts.log(`starting the cluster (namespace ${namespace}, gateway on ${url})`);
  const child = spawn('npm', ['run', '--silent', 'start:cluster'], {
    cwd: ROOT,
    // Its own process group, so teardown reaches every service process npm started.
    detached: true,
    env: systemEnv({
      MERCATO_NAMESPACE: namespace,
      PORT: String(port),
      HOST: '127.0.0.1',
      MERCATO_ADMIN_EMAIL: admin.email,
      MERCATO_ADMIN_PASSWORD: admin.password,
      // Every service process starts with these (the cluster's own supervisor is not profiled).
      MERCATO_NODE_ARGS: (opts.nodeArgs ?? []).join(' '),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => out.append(c));
  child.stderr.on('data', (c: Buffer) => out.append(c));
  const cleanup = async () => {
    await terminate(child, true);
    await dropNamespace(namespace).catch((e) => opts.log(`could not remove namespace ${namespace}: ${(e as Error).message}`));
  };
  try {
    // Printed once every process reports ready (the gateway alone answering is not enough).
    await waitForLine(child, out, /Gateway:\s+(https?:\/\/\S+)/, opts.startTimeoutMs ?? 180_000);
    if (!(await ready(url))) throw new Error(`the cluster printed its gateway but ${url}/health/ready does not answer 200:\n${out}`);
  } catch (e) {
    await cleanup();
    throw e;
  }
  return {
    mode: 'cluster',
    url,
    admin,
    database: { engine: 'postgres', url: defaultDatabaseUrl() },
    stop: cleanup,
    output: () => out.toString(),
    // The services' processes, not PostgreSQL, NATS or Redis, which run outside the group.
    cpuTimeMs: () => procCpuMs(child.pid!, true),
    transactions: () => transactionsOf(namespace),
  };
}

/**
 * PostgreSQL's own count of each service database's transactions (pg_stat_database), so that a run
 * reports transactions per order: a figure the machine's noise does not move. A server publishes
 * these counts within about a second of the work.
 */
export async function transactionsOf(namespace: string, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, number>> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: defaultDatabaseUrl(env) });
  await client.connect();
  try {
    const rows = await client.query<{ datname: string; n: string }>(
      'SELECT datname, xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname LIKE $1 ORDER BY datname',
      [`${namespace}\\_%`],
    );
    return Object.fromEntries(rows.rows.map((r) => [r.datname.slice(namespace.length + 1), Number(r.n)]));
  } finally {
    await client.end();
  }
}

/** Removes what a cluster run left under its namespace: its databases, streams and cache keys. */
export async function dropNamespace(namespace: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: defaultDatabaseUrl(env) });
  await client.connect();
  try {
    const dbs = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${namespace}\\_%`]);
    for (const { datname } of dbs.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: env.NATS_URL || 'nats://127.0.0.1:4222' });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) if (name.startsWith(`${namespace}_`)) await jsm.streams.delete(name).catch(() => {});
  } finally {
    await nc.close();
  }
  const { Redis } = await import('ioredis');
  const redis = new Redis(env.REDIS_URL || 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redis.keys(`${namespace}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export const defaultDatabaseUrl = (env: NodeJS.ProcessEnv = process.env) =>
  env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** A system someone else runs (`--url`): nothing to start or stop; `mode` says which engine it runs on. */
export function attachUrl(url: string, mode: SystemMode): Target {
  return {
    mode,
    url: url.replace(/\/+$/, '').replace('//localhost:', '//127.0.0.1:'),
    admin: adminFromEnv(),
    database: mode === 'cluster' ? { engine: 'postgres', url: defaultDatabaseUrl() } : { engine: 'pglite' },
    stop: async () => {},
    output: () => '',
    cpuTimeMs: () => null,
    transactions: async () => null,
  };
}
