import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '@mercato/kernel';
import { startEmbeddedShop } from '@mercato/gateway';

const counts = new Map<string, number>();
let total = 0;
const norm = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);
const bump = (sql: string) => { total++; const k = norm(sql); counts.set(k, (counts.get(k) ?? 0) + 1); };
const P: any = PGlite.prototype;
const q = P.query; P.query = function (sql: string, ...a: any[]) { bump(sql); return q.call(this, sql, ...a); };
const t = P.transaction; P.transaction = function (fn: any) { bump('BEGIN'); bump('COMMIT'); return t.call(this, (tx: any) => { const tq = tx.query; tx.query = (sql: string, ...a: any[]) => { bump(sql); return tq.call(tx, sql, ...a); }; return fn(tx); }); };
const shop = await startEmbeddedShop({ config: loadConfig() });
console.log(`Gateway: ${shop.url}`);
process.on('SIGUSR2', () => { console.error('RESET'); counts.clear(); total = 0; });
process.on('SIGTERM', async () => {
  console.error(`total ${total}`);
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.error(String(v).padStart(7), k);
  process.exit(0);
});
