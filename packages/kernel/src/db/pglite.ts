import { Mutex, PGlite, TransactionAbortedError, types } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { CommitHooks, type Db, type Tx } from './db.ts';
import { PreparedStatements } from './pglite-statements.ts';

/**
 * Embedded PostgreSQL. One instance holds every service's schema; PGlite runs one statement at a
 * time, so a transaction holds the connection until it ends and other work waits its turn.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, {
    parsers: { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) },
  });
  // Statements go to the engine directly, without PGlite's `syncToFs()` after each: it does nothing
  // for a folder on disk (NodeFS) or in memory, the two kinds opened here.
  const statements = new PreparedStatements(pg);
  const connection = new Mutex();
  const exclusive = <T>(fn: () => Promise<T>) => connection.runExclusive(fn);
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
      return exclusive(async () => {
        if (!pg.closed) await pg.close();
      });
    },
  };
}
