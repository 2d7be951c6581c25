import pg from 'pg';
import type { Db } from './db.ts';
import { openPostgres } from './postgres.ts';

/**
 * Opens the database of one service on a PostgreSQL server, creating it on first start.
 * `serverUrl` names any database the role may connect to (typically `postgres`).
 */
export async function openServiceDatabase(serverUrl: string, database: string, poolSize?: number): Promise<Db> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(database)) throw new Error(`invalid database name ${database}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) {
      await admin.query(`CREATE DATABASE ${database}`).catch((e: { code?: string }) => {
        // Replicas starting together race to create it; losing the race is fine.
        if (e.code !== '42P04' && e.code !== '23505') throw e;
      });
    }
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return openPostgres(url.toString(), poolSize);
}
