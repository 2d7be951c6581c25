import { PGlite, types } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { CommitHooks, type Db, type Tx } from './db.ts';

/**
 * Embedded PostgreSQL. One instance holds every service's schema; PGlite runs one statement at a
 * time, so transactions are serialised by the driver itself.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, {
    parsers: { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) },
  });
  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      return (await pg.query<T>(sql, params as any[])).rows;
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      const hooks = new CommitHooks();
      const result = await pg.transaction(async (t) =>
        fn({
          query: async <R>(sql: string, params?: unknown[]) => (await t.query<R>(sql, params as any[])).rows,
          afterCommit: (h) => hooks.add(h),
        }),
      );
      hooks.run();
      return result;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
    async ping() {
      await pg.query('SELECT 1');
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
