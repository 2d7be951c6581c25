/** What PostgreSQL's statistics say of one table since it was last vacuumed and analysed. */
export interface TableActivity {
  table: string;
  live: number;
  dead: number;
  insertedSinceVacuum: number;
  modifiedSinceAnalyze: number;
}

/** The statistics `dueForMaintenance` reads, one row per table. */
export const TABLE_ACTIVITY_SQL = `SELECT format('%I.%I', schemaname, relname) AS "table", n_live_tup AS live, n_dead_tup AS dead,
  n_ins_since_vacuum AS "insertedSinceVacuum", n_mod_since_analyze AS "modifiedSinceAnalyze" FROM pg_stat_user_tables`;

/**
 * The tables PostgreSQL's autovacuum would vacuum and analyse now, by its default thresholds: dead
 * rows over 50 + 20 % of the table, rows inserted over 1000 + 20 %, rows changed since the last
 * analysis over 50 + 10 %.
 */
export function dueForMaintenance(tables: TableActivity[]): string[] {
  return tables
    .filter((t) => t.dead > 50 + 0.2 * t.live || t.insertedSinceVacuum > 1000 + 0.2 * t.live || t.modifiedSinceAnalyze > 50 + 0.1 * t.live)
    .map((t) => t.table);
}
