import type { PGlite } from '@electric-sql/pglite';
import type { Row } from './db.ts';
import { Outgoing, readReply, type Reply } from './pglite-wire.ts';

/** Prepared statements kept per connection; past this, the oldest is closed (SQL built with varying text). */
const MAX_PREPARED = 500;

/** PostgreSQL's error when a prepared statement's result columns changed under it (DDL since it was parsed). */
const RESULT_TYPE_CHANGED = '0A000';

type Parse = (text: string, typeId: number) => unknown;

interface Prepared {
  name: string;
  paramTypes: number[];
  columns: Array<{ name: string; typeId: number; parse: Parse | undefined }>;
}

/**
 * Runs parameterised statements on PGlite as named prepared statements. PGlite's own `query()`
 * makes six calls into the engine per statement (parse, describe, bind, describe, execute, sync)
 * and parses and plans it every time; here a statement is parsed once per connection, and each
 * execution is one call (bind, execute, sync) that PostgreSQL answers from its plan cache.
 *
 * Parameters are sent as text, serialised by the type PostgreSQL inferred for each (PGlite's
 * serialisers: jsonb, arrays, timestamps…), exactly as `query()` does. Callers serialise access:
 * one call at a time on the connection.
 */
export class PreparedStatements {
  private readonly cache = new Map<string, Prepared>();
  private readonly out = new Outgoing();
  private counter = 0;

  constructor(private readonly pg: PGlite) {}

  /** Sends `sql` (no parameters, no rows) ahead of the next statement, in the same call. */
  async defer(sql: string) {
    const p = await this.prepared(sql);
    this.out.execute(p.name);
  }

  async run<T = Row>(sql: string, params: unknown[] = []): Promise<{ rows: T[]; tag: string }> {
    let p: Prepared;
    try {
      p = await this.prepared(sql);
    } catch (e) {
      // A statement deferred ahead of this one is dropped with it, as if the call had failed.
      this.out.take();
      throw e;
    }
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serialize = this.pg.serializers[p.paramTypes[i]];
      // As PGlite's query() does: a parameter of a type without a serialiser goes as its String().
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the parameter's type is the caller's
      return serialize ? serialize(v) : String(v);
    });
    const reply = await this.call(this.out.execute(p.name, values).sync().take());
    if (reply.error) {
      if (reply.error.code === RESULT_TYPE_CHANGED) await this.forget(sql);
      throw reply.error;
    }
    const rows: T[] = [];
    for (const fields of reply.rows) {
      const row: Row = {};
      for (let i = 0; i < p.columns.length; i++) {
        const c = p.columns[i];
        const text = fields[i]!;
        row[c.name] = text === null ? null : c.parse ? c.parse(text, c.typeId) : text;
      }
      rows.push(row as T);
    }
    return { rows, tag: reply.tags[reply.tags.length - 1] ?? '' };
  }

  private async prepared(sql: string): Promise<Prepared> {
    const known = this.cache.get(sql);
    if (known) return known;
    const name = `s${++this.counter}`;
    // Its own message buffer: a statement may be deferred in `out` meanwhile.
    const parts = new Outgoing();
    const oldest = this.cache.size >= MAX_PREPARED ? this.cache.keys().next().value : undefined;
    if (oldest !== undefined) {
      parts.statement('C', this.cache.get(oldest)!.name);
      this.cache.delete(oldest);
    }
    const reply = await this.call(parts.parse(name, sql).statement('D', name).sync().take());
    if (reply.error) throw reply.error;
    const prepared: Prepared = {
      name,
      paramTypes: reply.paramTypes ?? [],
      columns: (reply.columns ?? []).map((c) => ({ ...c, parse: this.pg.parsers[c.typeId] })),
    };
    this.cache.set(sql, prepared);
    return prepared;
  }

  private async forget(sql: string) {
    const p = this.cache.get(sql);
    if (!p) return;
    this.cache.delete(sql);
    await this.call(new Outgoing().statement('C', p.name).sync().take());
  }

  /** One call into the engine; the reply's bytes are copied out of its memory as they come. */
  private async call(message: Uint8Array): Promise<Reply> {
    const chunks: Buffer[] = [];
    await this.pg.execProtocolRawStream(message, { syncToFs: false, onRawData: (bytes) => chunks.push(Buffer.from(bytes)) });
    return readReply(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  }
}
