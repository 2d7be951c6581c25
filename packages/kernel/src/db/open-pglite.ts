import type { Db } from './db.ts';
import type { PgliteOptions } from './pglite.ts';

export type { PgliteOptions } from './pglite.ts';

/**
 * Opens the embedded PostgreSQL (see ./pglite.ts). PGlite is loaded on the first call, not when the
 * kernel is imported: a distributed process, which runs on PostgreSQL, never loads it (about 7 MB of
 * RSS less, and a faster start).
 */
export async function openPglite(dataDir?: string, options?: PgliteOptions): Promise<Db> {
  return (await import('./pglite.ts')).openPglite(dataDir, options);
}
