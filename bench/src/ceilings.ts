import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Api } from './client.ts';
import { ratePerSecond } from './stats.ts';

export interface DatabaseCeiling {
  engine: 'pglite' | 'postgres';
  /** Autocommit INSERTs of one row, one after another, per second. */
  commitsPerSecond: number;
  durationMs: number;
}

export interface GatewayCeiling {
  path: string;
  concurrency: number;
  /** No-op requests per second through the same client and sockets as the run. */
  requestsPerSecond: number;
  durationMs: number;
}

const TABLE_SQL = (name: string) =>
  `CREATE TABLE ${name} (id bigserial PRIMARY KEY, v text NOT NULL, at timestamptz NOT NULL DEFAULT now())`;

/** Runs `insert` back to back for about durationMs after a short warm-up. */
async function commitLoop(insert: () => Promise<unknown>, durationMs: number): Promise<{ count: number; elapsed: number }> {
  for (let i = 0; i < 50; i++) await insert();
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < durationMs) {
    await insert();
    count++;
  }
  return { count, elapsed: performance.now() - start };
}

/** The embedded engine: a separate PGlite in a temp dir, as the shop opens its own (fsync off). */
export async function pgliteCommitRate(durationMs: number): Promise<DatabaseCeiling> {
  const { PGlite } = await import('@electric-sql/pglite');
  const dir = mkdtempSync(join(tmpdir(), 'mercato-bench-pglite-'));
  const pg = await PGlite.create(dir);
  try {
    await pg.exec(TABLE_SQL('ceiling'));
    const { count, elapsed } = await commitLoop(() => pg.query('INSERT INTO ceiling (v) VALUES ($1)', ['x']), durationMs);
    return { engine: 'pglite', commitsPerSecond: ratePerSecond(count, elapsed), durationMs: Math.round(elapsed) };
  } finally {
    await pg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The distributed engine: one connection to the PostgreSQL server, committing one row at a time. */
export async function postgresCommitRate(url: string, durationMs: number): Promise<DatabaseCeiling> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const table = `mercato_bench_ceiling_${process.pid}_${Date.now()}`;
  try {
    await client.query(TABLE_SQL(table));
    const { count, elapsed } = await commitLoop(() => client.query(`INSERT INTO ${table} (v) VALUES ($1)`, ['x']), durationMs);
    return { engine: 'postgres', commitsPerSecond: ratePerSecond(count, elapsed), durationMs: Math.round(elapsed) };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await client.end();
  }
}

/** The gateway's rate for a request that does nothing (GET /health/live) at the run's concurrency. */
export async function gatewayNoopRate(api: Api, concurrency: number, durationMs: number, path = '/health/live'): Promise<GatewayCeiling> {
  const loop = async (until: number) => {
    let n = 0;
    while (performance.now() < until) {
      const res = await api.request('GET', path);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
      n++;
    }
    return n;
  };
  await Promise.all(Array.from({ length: concurrency }, () => loop(performance.now() + 200)));
  const start = performance.now();
  const counts = await Promise.all(Array.from({ length: concurrency }, () => loop(start + durationMs)));
  const elapsed = performance.now() - start;
  return {
    path,
    concurrency,
    requestsPerSecond: ratePerSecond(
      counts.reduce((a, b) => a + b, 0),
      elapsed,
    ),
    durationMs: Math.round(elapsed),
  };
}
