import { PGlite, protocol } from '@electric-sql/pglite';
import { performance } from 'node:perf_hooks';
const pg = await PGlite.create();
await pg.exec(`CREATE TABLE t (id bigserial PRIMARY KEY, v text NOT NULL, at timestamptz default now())`);
const ser = (protocol as any).serialize;
function concat(parts: Uint8Array[]) { const n = parts.reduce((a, p) => a + p.length, 0); const out = new Uint8Array(n); let o = 0; for (const p of parts) { out.set(p, o); o += p.length; } return out; }
async function fast(text: string, values: (string | null)[]) {
  const msg = concat([ser.parse({ text }), ser.bind({ values }), ser.describe({ type: 'P' }), ser.execute({}), ser.sync()]);
  return pg.execProtocol(msg);
}
async function bench(name: string, n: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await fn(-1 - i);
  const s = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = performance.now() - s;
  console.log(name.padEnd(40), (n / ms * 1000).toFixed(0), '/s', (ms / n * 1000).toFixed(0), 'us each');
}
console.log((await fast('INSERT INTO t (v) VALUES ($1) RETURNING id, v', ['z'])).messages.map((m: any) => m.name));
await bench('query insert', 3000, () => pg.query('INSERT INTO t (v) VALUES ($1)', ['x']));
await bench('fast insert', 3000, () => fast('INSERT INTO t (v) VALUES ($1)', ['x']));
await bench('query select pk', 3000, (i) => pg.query('SELECT * FROM t WHERE id = $1', [Math.abs(i) + 1]));
await bench('fast select pk', 3000, (i) => fast('SELECT * FROM t WHERE id = $1', [String(Math.abs(i) + 1)]));
await bench('exec select 1', 3000, () => pg.exec('SELECT 1'));
await bench('query select 1', 3000, () => pg.query('SELECT 1'));
