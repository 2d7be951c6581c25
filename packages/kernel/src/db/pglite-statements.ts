import { protocol, type PGlite } from '@electric-sql/pglite';
import type { Row } from './db.ts';

const wire = protocol.serialize;

/** Prepared statements kept per connection; past this, the oldest is closed (SQL built with varying text). */
const MAX_PREPARED = 500;

/** PostgreSQL's error when a prepared statement's result columns changed under it (DDL since it was parsed). */
const RESULT_TYPE_CHANGED = '0A000';

interface Column {
  name: string;
  parse: ((text: string, typeId: number) => unknown) | undefined;
  typeId: number;
}

interface Prepared {
  name: string;
  paramTypes: number[];
  columns: Column[];
}

interface Frame {
  name: string;
  fields?: Array<string | null>;
  dataTypeIDs?: number[];
  code?: string;
}

const concat = (parts: Uint8Array[]) => {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

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
  private counter = 0;
  /** Messages to send ahead of the next statement (BEGIN of a transaction that has not run one yet). */
  private prefix: Uint8Array[] = [];

  constructor(private readonly pg: PGlite) {}

  /** Sends `sql` ahead of the next statement, in the same call. */
  defer(sql: string) {
    return this.prepared(sql).then((p) => {
      this.prefix.push(wire.bind({ statement: p.name }), wire.execute());
    });
  }

  async run<T = Row>(sql: string, params: unknown[] = []): Promise<{ rows: T[]; command: string }> {
    const p = await this.prepared(sql);
    const values = params.map((v, i) => {
      if (v === null || v === undefined) return null;
      const serialize = this.pg.serializers[p.paramTypes[i]!];
      return serialize ? serialize(v) : String(v);
    });
    const message = concat([...this.prefix, wire.bind({ statement: p.name, values }), wire.execute(), wire.sync()]);
    this.prefix = [];
    let frames: Frame[];
    try {
      frames = (await this.pg.execProtocolStream(message, { syncToFs: false })) as Frame[];
    } catch (e) {
      if ((e as Frame).code === RESULT_TYPE_CHANGED) await this.forget(sql);
      throw e;
    }
    const rows: T[] = [];
    let command = '';
    for (const f of frames) {
      if (f.name === 'dataRow') rows.push(toRow(p.columns, f.fields!) as T);
      else if (f.name === 'commandComplete') command = (f as unknown as { text: string }).text.split(' ')[0]!;
    }
    return { rows, command };
  }

  private async prepared(sql: string): Promise<Prepared> {
    const known = this.cache.get(sql);
    if (known) return known;
    const name = `s${++this.counter}`;
    const parts = [wire.parse({ name, text: sql }), wire.describe({ type: 'S', name }), wire.sync()];
    const oldest = this.cache.size >= MAX_PREPARED ? this.cache.keys().next().value : undefined;
    if (oldest !== undefined) {
      parts.unshift(wire.close({ type: 'S', name: this.cache.get(oldest)!.name }));
      this.cache.delete(oldest);
    }
    const frames = (await this.pg.execProtocolStream(concat(parts), { syncToFs: false })) as Frame[];
    const params = frames.find((f) => f.name === 'parameterDescription');
    const description = frames.find((f) => f.name === 'rowDescription') as unknown as
      | { fields: Array<{ name: string; dataTypeID: number }> }
      | undefined;
    const prepared: Prepared = {
      name,
      paramTypes: params?.dataTypeIDs ?? [],
      columns: (description?.fields ?? []).map((c) => ({ name: c.name, typeId: c.dataTypeID, parse: this.pg.parsers[c.dataTypeID] })),
    };
    this.cache.set(sql, prepared);
    return prepared;
  }

  private async forget(sql: string) {
    const p = this.cache.get(sql);
    if (!p) return;
    this.cache.delete(sql);
    await this.pg.execProtocolStream(concat([wire.close({ type: 'S', name: p.name }), wire.sync()]), { syncToFs: false });
  }
}

function toRow(columns: Column[], fields: Array<string | null>): Row {
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i]!;
    const text = fields[i]!;
    row[c.name] = text === null ? null : c.parse ? c.parse(text, c.typeId) : text;
  }
  return row;
}
