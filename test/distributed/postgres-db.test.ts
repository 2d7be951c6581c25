import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgres, type Db } from '@mercato/kernel';
import { DATABASE_URL, describeDistributed } from './support.ts';

describeDistributed('the PostgreSQL adapter', () => {
  let db: Db;
  const table = `lock_probe_${process.pid}_${Date.now().toString(36)}`;

  beforeAll(async () => {
    db = await openPostgres(DATABASE_URL, 4);
    await db.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, n int NOT NULL); INSERT INTO ${table} VALUES (1, 0)`);
  });
  afterAll(async () => {
    await db?.exec(`DROP TABLE IF EXISTS ${table}`);
    await db?.close();
  });

  it('gives up on a row lock after lockTimeoutMs and rolls the transaction back; without it, waits', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await tx.query(`UPDATE ${table} SET n = n + 1 WHERE id = 1`);
      locked();
      await held;
    });
    await isLocked;

    const impatient = await db
      .transaction(async (tx) => tx.query(`UPDATE ${table} SET n = n + 10 WHERE id = 1`), { lockTimeoutMs: 100 })
      .catch((e) => e);
    // lock_not_available: the lock timeout gave up, rather than the lock being granted or a deadlock found.
    expect(impatient).toMatchObject({ code: '55P03' });

    const patient = db.transaction(async (tx) => tx.query(`UPDATE ${table} SET n = n + 100 WHERE id = 1`));
    setTimeout(release, 300);
    await Promise.all([holder, patient]);
    expect(await db.query(`SELECT n FROM ${table}`)).toEqual([{ n: 101 }]);
  });
});
