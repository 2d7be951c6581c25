import pg from 'pg';
import { unavailable } from '../errors.ts';
import { CommitHooks, type Db, type TransactionOptions, type Tx } from './db.ts';

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

// Socket errors and the SQLSTATEs of a server that is shutting down, starting or unreachable.
const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** A lost database is a 503 the client may retry, not a 500; every other error passes unchanged. */
function translate(e: unknown): unknown {
  const err = e as { code?: string; message?: string };
  const lost =
    (err.code && CONNECTION_FAILURES.has(err.code)) || /connection terminated|connection error|not queryable/i.test(err.message ?? '');
  return lost ? unavailable('database_unavailable', 'The database is unreachable; retry shortly') : e;
}

/** Statements given a name; SQL built with varying text past this runs unnamed. */
const MAX_NAMED = 500;

/**
 * Names statements by their text, so that each connection parses and plans a statement once and
 * then only binds and runs it, as the PGlite adapter does.
 */
function statementNames() {
  const names = new Map<string, string>();
  return (text: string, values?: unknown[]): pg.QueryConfig => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED) names.set(text, (name = `s${names.size + 1}`));
    return { text, values, name };
  };
}

/** A real PostgreSQL server through a connection pool (connected lazily, by the first query). */
export function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const statement = statementNames();
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return Promise.resolve({
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      try {
        return (await pool.query(statement(sql, params))).rows as T[];
      } catch (e) {
        throw translate(e);
      }
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>, opts: TransactionOptions = {}) {
      const client = await pool.connect().catch((e: unknown) => {
        throw translate(e);
      });
      // A checked-out client has no pool listener: a server going away between two statements
      // (say, while the relay publishes) would crash the process as an unhandled 'error' event.
      let broken: Error | undefined;
      const onError = (err: Error) => (broken = err);
      client.on('error', onError);
      const hooks = new CommitHooks();
      try {
        // One round trip: a script of simple statements.
        await client.query(
          opts.lockTimeoutMs === undefined ? 'BEGIN' : `BEGIN; SET LOCAL lock_timeout = '${Math.trunc(opts.lockTimeoutMs)}ms'`,
        );
        const result = await fn(
          hooks.bind(async <R>(sql: string, params?: unknown[]) => (await client.query(statement(sql, params))).rows as R[]),
        );
        await hooks.beforeCommit();
        await client.query('COMMIT');
        hooks.afterCommit();
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch((err: Error) => (broken ??= err));
        throw translate(e);
      } finally {
        client.off('error', onError);
        // A broken connection is destroyed, never handed to the next caller.
        client.release(broken);
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  });
}
