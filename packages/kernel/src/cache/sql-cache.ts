import type { Db } from '../db/db.ts';
import type { Cache } from './cache.ts';

const SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS cache;
CREATE TABLE IF NOT EXISTS cache.entries (key text PRIMARY KEY, value text NOT NULL, expires_at timestamptz);
`;

/** A row is live while it has no expiry or its expiry is still ahead. */
const LIVE = '(e.expires_at IS NULL OR e.expires_at > now())';
const EXPIRY = 'now() + make_interval(secs => $2::float8 / 1000)';

/**
 * The cache port on SQL, for the embedded mode: a table in the shop's own PGlite, so what the
 * cache holds (carts) survives a restart the way Redis does in the distributed mode.
 * Expired rows are invisible to reads at once and deleted by a periodic sweep.
 */
export class SqlCache implements Cache {
  private sweeper: NodeJS.Timeout | null = null;

  private constructor(private readonly db: Db) {}

  /** Creates the table when absent and starts sweeping expired rows every `sweepEveryMs`. */
  static async open(db: Db, sweepEveryMs = 3_600_000): Promise<SqlCache> {
    await db.exec(SCHEMA_SQL);
    const cache = new SqlCache(db);
    // Best effort: an expired row left behind is already invisible, so a failed sweep only delays the cleanup.
    cache.sweeper = setInterval(() => void cache.deleteExpired().catch(() => {}), sweepEveryMs);
    cache.sweeper.unref();
    return cache;
  }

  async get(key: string) {
    const rows = await this.db.query<{ value: string }>(`SELECT value FROM cache.entries e WHERE key = $1 AND ${LIVE}`, [key]);
    return rows[0]?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number) {
    await this.db.query(
      `INSERT INTO cache.entries (key, value, expires_at) VALUES ($1, $3, CASE WHEN $2::float8 IS NULL THEN NULL ELSE ${EXPIRY} END)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      [key, ttlMs ?? null, value],
    );
  }

  async del(key: string) {
    await this.db.query('DELETE FROM cache.entries WHERE key = $1', [key]);
  }

  /** One statement, so concurrent increments never read the same count; an expired count restarts at 1. */
  async incr(key: string, ttlMs: number) {
    const rows = await this.db.query<{ n: number }>(
      `INSERT INTO cache.entries AS e (key, value, expires_at) VALUES ($1, '1', ${EXPIRY})
       ON CONFLICT (key) DO UPDATE SET
         value = CASE WHEN ${LIVE} THEN (e.value::bigint + 1)::text ELSE '1' END,
         expires_at = CASE WHEN ${LIVE} THEN e.expires_at ELSE EXCLUDED.expires_at END
       RETURNING value::bigint AS n`,
      [key, ttlMs],
    );
    return rows[0].n;
  }

  async ping() {
    await this.db.query('SELECT 1 FROM cache.entries LIMIT 1');
  }

  /** Removes expired rows; returns how many. */
  async deleteExpired(): Promise<number> {
    const rows = await this.db.query('DELETE FROM cache.entries WHERE expires_at <= now() RETURNING key');
    return rows.length;
  }

  /** Stops the sweep; the rows stay in the database. */
  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}
