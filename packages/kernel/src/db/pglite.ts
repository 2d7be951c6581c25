import { Mutex, PGlite, TransactionAbortedError, types } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { CommitHooks, type Db, type Tx } from './db.ts';
import { dueForMaintenance, TABLE_ACTIVITY_SQL, type TableActivity } from './pglite-autovacuum.ts';
import { PreparedStatements } from './pglite-statements.ts';

export interface PgliteOptions {
  /** How often the tables that changed enough are vacuumed and analysed. */
  autovacuumEveryMs?: number;
}

/**
 * Embedded PostgreSQL. One instance holds every service's schema; PGlite runs one statement at a
 * time, so a transaction holds the connection until it ends and other work waits its turn.
 *
 * PGlite has no autovacuum (PostgreSQL's runs as a process of its own), and without it the rows
 * a shop rewrites all the time (stock levels, outboxes, queued deliveries) leave dead versions
 * that every later statement wades through: throughput fell by a quarter within 30 seconds of
 * load. So the adapter does autovacuum's job: every few seconds it vacuums and analyses the
 * tables that crossed autovacuum's thresholds, each a small job between two transactions.
 */
export async function openPglite(dataDir?: string, { autovacuumEveryMs = 5_000 }: PgliteOptions = {}): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, {
    parsers: { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) },
  });
  // Statements go to the engine directly, without PGlite's `syncToFs()` after each: it does nothing
  // for a folder on disk (NodeFS) or in memory, the two kinds opened here.
  const statements = new PreparedStatements(pg);
  const connection = new Mutex();
  const exclusive = <T>(fn: () => Promise<T>) => connection.runExclusive(fn);
  const maintain = async () => {
    const due = dueForMaintenance((await statements.run<TableActivity>(TABLE_ACTIVITY_SQL)).rows);
    if (due.length) await pg.exec(`VACUUM (ANALYZE) ${due.join(', ')}`);
  };
  // Best effort: a failed run is retried at the next tick, and the tables only stay larger meanwhile.
  const autovacuum = setInterval(() => void exclusive(maintain).catch(() => {}), autovacuumEveryMs);
  autovacuum.unref();
  return {
    kind: 'pglite',
    query<T>(sql: string, params?: unknown[]) {
      return exclusive(async () => (await statements.run<T>(sql, params)).rows);
    },
    transaction<T>(fn: (tx: Tx) => Promise<T>) {
      return exclusive(async () => {
        const hooks = new CommitHooks();
        // BEGIN travels with the transaction's first statement: one call into the engine fewer.
        await statements.defer('BEGIN');
        let result: T;
        try {
          result = await fn(hooks.bind(async <R>(sql: string, params?: unknown[]) => (await statements.run<R>(sql, params)).rows));
          await hooks.beforeCommit();
        } catch (e) {
          await statements.run('ROLLBACK');
          throw e;
        }
        // A statement that failed inside `fn` and was caught there leaves the transaction aborted.
        if ((await statements.run('COMMIT')).tag === 'ROLLBACK') throw new TransactionAbortedError();
        hooks.afterCommit();
        return result;
      });
    },
    exec(sql: string) {
      return exclusive(async () => {
        await pg.exec(sql);
      });
    },
    async ping() {
      await exclusive(() => statements.run('SELECT 1'));
    },
    close() {
      clearInterval(autovacuum);
      return exclusive(async () => {
        if (!pg.closed) await pg.close();
      });
    },
  };
}
