import { describe, expect, it } from 'vitest';
import { dueForMaintenance, openPglite, type TableActivity } from '../src/index.ts';

const quiet: TableActivity = { table: 'a.quiet', live: 1000, dead: 10, insertedSinceVacuum: 10, modifiedSinceAnalyze: 10 };

describe('autovacuum on PGlite', () => {
  it("picks the tables over PostgreSQL autovacuum's default thresholds, and no others", () => {
    expect(
      dueForMaintenance([
        quiet,
        { ...quiet, table: 'a.churned', dead: 251 },
        { ...quiet, table: 'a.just_under', dead: 250, insertedSinceVacuum: 1200, modifiedSinceAnalyze: 150 },
        { ...quiet, table: 'a.appended', insertedSinceVacuum: 1201 },
        { ...quiet, table: 'a.changed', modifiedSinceAnalyze: 151 },
        { table: 'a.tiny_hot', live: 20, dead: 55, insertedSinceVacuum: 0, modifiedSinceAnalyze: 0 },
      ]),
    ).toEqual(['a.churned', 'a.appended', 'a.changed', 'a.tiny_hot']);
  });

  it('vacuums a table whose rows are rewritten all the time, while it is in use', async () => {
    const db = await openPglite(undefined, { autovacuumEveryMs: 100 });
    try {
      await db.exec(
        'CREATE SCHEMA shop; CREATE TABLE shop.stock (id int PRIMARY KEY, n int NOT NULL);' +
          ' INSERT INTO shop.stock SELECT g, 0 FROM generate_series(1, 20) g',
      );
      for (let i = 0; i < 2000; i++) await db.query('UPDATE shop.stock SET n = n + 1 WHERE id = $1', [1 + (i % 20)]);
      const stats = () =>
        db.query<{ dead: number; vacuumed: number }>(
          "SELECT n_dead_tup AS dead, vacuum_count AS vacuumed FROM pg_stat_user_tables WHERE relname = 'stock'",
        );
      // PostgreSQL publishes its statistics about once a second; the vacuum follows the next tick after that.
      await expect.poll(async () => (await stats())[0].vacuumed > 0, { timeout: 5000, interval: 50 }).toBe(true);
      expect((await stats())[0].dead).toBe(0);
      expect(await db.query('SELECT sum(n)::int AS n FROM shop.stock')).toEqual([{ n: 2000 }]);
    } finally {
      await db.close();
    }
  });
});
