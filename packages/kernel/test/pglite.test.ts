import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Db } from '../src/index.ts';

describe('PGlite adapter', () => {
  let db: Db;

  beforeAll(async () => {
    db = await openPglite();
    await db.exec(`
      CREATE TABLE t (
        id bigserial PRIMARY KEY,
        doc jsonb,
        big bigint,
        at timestamptz,
        tags text[],
        amount numeric,
        flag boolean,
        ref uuid
      );`);
  });
  afterAll(async () => {
    await db.close();
  });

  it('sends and reads back every parameter type the services use, null included', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const sql = 'INSERT INTO t (doc, big, at, tags, amount, flag, ref) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *';
    for (let i = 0; i < 3; i++) {
      // The same statement again runs from the prepared one: the values must not stick.
      const [row] = await db.query<Record<string, unknown>>(sql, [
        JSON.stringify({ n: i, s: 'x' }),
        9_007_199_254_740_000 + i,
        at,
        ['a', `b${i}`],
        12.5 + i,
        i % 2 === 0,
        '01890a5d-ac96-774b-bcce-b302099a8057',
      ]);
      expect(row).toMatchObject({
        doc: { n: i, s: 'x' },
        big: 9_007_199_254_740_000 + i,
        tags: ['a', `b${i}`],
        amount: 12.5 + i,
        flag: i % 2 === 0,
        ref: '01890a5d-ac96-774b-bcce-b302099a8057',
      });
      expect(row.at).toEqual(at);
    }
    const [nulls] = await db.query<Record<string, unknown>>(sql, [null, null, undefined, null, null, null, null]);
    expect(nulls).toMatchObject({ doc: null, big: null, at: null, tags: null, amount: null, flag: null, ref: null });
    const [obj] = await db.query<Record<string, unknown>>('SELECT $1::jsonb AS doc, $2::bigint[] AS ids', [{ a: [1, 2] }, [1, 2, 3]]);
    expect(obj).toEqual({ doc: { a: [1, 2] }, ids: [1, 2, 3] });
  });

  it('carries values and results larger than its buffers, in any script', async () => {
    const text = 'ü€😀 '.repeat(20_000);
    const [row] = await db.query<{ doc: { text: string } }>('INSERT INTO t (doc) VALUES ($1) RETURNING doc', [JSON.stringify({ text })]);
    expect(row.doc.text).toBe(text);
    const many = await db.query<{ n: number; pad: string }>("SELECT n, repeat('x', 100) AS pad FROM generate_series(1, 5000) AS n");
    expect(many).toHaveLength(5000);
    expect(many[4999]).toEqual({ n: 5000, pad: 'x'.repeat(100) });
  });

  it(
    'commits a transaction with its beforeCommit work, rolls one back when its function or that work throws,' +
      ' and runs afterCommit hooks only on commit',
    async () => {
      const ran: string[] = [];
      await db.transaction((tx) => {
        tx.beforeCommit(() => tx.query('INSERT INTO t (big) VALUES ($1)', [1001]).then(() => {}));
        tx.afterCommit(() => ran.push('committed'));
        return Promise.resolve();
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t (big) VALUES ($1)', [1003]);
          tx.beforeCommit(() => tx.query('SELEC 1').then(() => {}));
          tx.afterCommit(() => ran.push('failed before commit'));
        }),
      ).rejects.toMatchObject({ code: '42601' });
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t (big) VALUES ($1)', [1002]);
          tx.afterCommit(() => ran.push('rolled back'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const rows = await db.query<{ big: number }>('SELECT big FROM t WHERE big IN (1001, 1002, 1003) ORDER BY big');
      expect(rows).toEqual([{ big: 1001 }]);
      expect(ran).toEqual(['committed']);
    },
  );

  it('reports a statement error with its SQLSTATE and stays usable, inside and outside transactions', async () => {
    await db.exec('CREATE TABLE u (k text PRIMARY KEY)');
    await db.query('INSERT INTO u VALUES ($1)', ['a']);
    await expect(db.query('INSERT INTO u VALUES ($1)', ['a'])).rejects.toMatchObject({
      code: '23505',
      constraint: 'u_pkey',
      detail: 'Key (k)=(a) already exists.',
      message: 'duplicate key value violates unique constraint "u_pkey"',
    });
    await expect(db.query('SELEC 1')).rejects.toMatchObject({ code: '42601' });
    // A failure caught inside the function leaves the transaction aborted: COMMIT must not pass for success.
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO u VALUES ($1)', ['b']);
        await tx.query('INSERT INTO u VALUES ($1)', ['a']).catch(() => {});
      }),
    ).rejects.toMatchObject({ code: '25P02' });
    expect(await db.query('SELECT k FROM u ORDER BY k')).toEqual([{ k: 'a' }]);
  });

  it('re-reads a statement whose result columns changed after it was prepared', async () => {
    await db.exec('CREATE TABLE v (a int)');
    await db.query('INSERT INTO v VALUES ($1)', [1]);
    expect(await db.query('SELECT * FROM v')).toEqual([{ a: 1 }]);
    await db.exec('ALTER TABLE v ADD COLUMN b int');
    await expect(db.query('SELECT * FROM v')).rejects.toMatchObject({ code: '0A000' });
    expect(await db.query('SELECT * FROM v')).toEqual([{ a: 1, b: null }]);
  });

  it('keeps working past the number of prepared statements it keeps', async () => {
    for (let i = 0; i < 600; i++) expect(await db.query(`SELECT ${i} AS n, $1::int AS m`, [i])).toEqual([{ n: i, m: i }]);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('serialises concurrent queries and transactions', async () => {
    await db.exec('CREATE TABLE w (n int)');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? db.query('INSERT INTO w VALUES ($1)', [i])
          : db.transaction(async (tx) => {
              await tx.query('INSERT INTO w VALUES ($1)', [i]);
              await tx.query('INSERT INTO w VALUES ($1)', [i + 100]);
            }),
      ),
    );
    expect((await db.query<{ c: number }>('SELECT count(*)::int AS c FROM w'))[0].c).toBe(30);
  });
});
