import { messages } from '@electric-sql/pglite';

/**
 * The few PostgreSQL wire-protocol messages the PGlite adapter sends, and a reader of the replies
 * that builds rows straight from the bytes. PGlite's own serialiser and parser make an object per
 * message and copy each buffer several times: about a seventh of the embedded shop's CPU.
 */

/** Frontend messages, written into one reusable buffer; `take()` returns them and starts over. */
export class Outgoing {
  private buf = Buffer.allocUnsafe(16 * 1024);
  private at = 0;

  private room(bytes: number) {
    if (this.at + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  private begin(code: string): number {
    this.room(5);
    this.buf[this.at] = code.charCodeAt(0);
    const lengthAt = this.at + 1;
    this.at += 5;
    return lengthAt;
  }

  private end(lengthAt: number) {
    this.buf.writeInt32BE(this.at - lengthAt, lengthAt);
  }

  private cstring(s: string) {
    this.room(s.length * 3 + 1);
    this.at += this.buf.write(s, this.at, 'utf8');
    this.buf[this.at++] = 0;
  }

  private int16(n: number) {
    this.room(2);
    this.at = this.buf.writeInt16BE(n, this.at);
  }

  parse(name: string, sql: string): this {
    const l = this.begin('P');
    this.cstring(name);
    this.cstring(sql);
    this.int16(0);
    this.end(l);
    return this;
  }

  /** Describe ('S') or Close ('C') of a prepared statement. */
  statement(code: 'D' | 'C', name: string): this {
    const l = this.begin(code);
    this.cstring(`S${name}`);
    this.end(l);
    return this;
  }

  /** Bind (all parameters and results as text) and Execute of a prepared statement. */
  execute(name: string, values: Array<string | null> = []): this {
    const l = this.begin('B');
    this.cstring('');
    this.cstring(name);
    this.int16(0);
    this.int16(values.length);
    for (const v of values) {
      if (v === null) {
        this.room(4);
        this.at = this.buf.writeInt32BE(-1, this.at);
        continue;
      }
      this.room(4 + v.length * 3);
      const bytes = this.buf.write(v, this.at + 4, 'utf8');
      this.buf.writeInt32BE(bytes, this.at);
      this.at += 4 + bytes;
    }
    this.int16(0);
    this.end(l);
    const e = this.begin('E');
    this.cstring('');
    this.room(4);
    this.at = this.buf.writeInt32BE(0, this.at);
    this.end(e);
    return this;
  }

  sync(): this {
    this.end(this.begin('S'));
    return this;
  }

  /** The messages so far; valid until the next write. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.at);
    this.at = 0;
    return out;
  }
}

export interface Column {
  name: string;
  typeId: number;
}

/** What the engine answered to one round of messages. */
export interface Reply {
  /** Each DataRow as its fields' text (null for SQL NULL). */
  rows: Array<Array<string | null>>;
  /** Command tags, one per completed statement ("INSERT 0 1", "COMMIT", "ROLLBACK"…). */
  tags: string[];
  columns: Column[] | null;
  paramTypes: number[] | null;
  error: InstanceType<typeof messages.DatabaseError> | null;
}

const ERROR_FIELDS: Record<string, string> = {
  S: 'severity',
  C: 'code',
  D: 'detail',
  H: 'hint',
  P: 'position',
  p: 'internalPosition',
  q: 'internalQuery',
  W: 'where',
  s: 'schema',
  t: 'table',
  c: 'column',
  d: 'dataType',
  n: 'constraint',
  F: 'file',
  L: 'line',
  R: 'routine',
};

/** The NUL-terminated string at `at` (a plain function: the reader makes no closure per reply). */
function cstringAt(buf: Buffer, at: number): string {
  return buf.toString('utf8', at, buf.indexOf(0, at));
}

/** Reads the backend messages in `buf`; the first error is kept, as PGlite reports it. */
export function readReply(buf: Buffer): Reply {
  const reply: Reply = { rows: [], tags: [], columns: null, paramTypes: null, error: null };
  let at = 0;
  while (at + 5 <= buf.length) {
    const code = buf[at];
    const length = buf.readInt32BE(at + 1);
    const next = at + 1 + length;
    at += 5;
    switch (code) {
      case 0x44: {
        // DataRow
        const n = buf.readInt16BE(at);
        at += 2;
        const fields = new Array<string | null>(n);
        for (let i = 0; i < n; i++) {
          const len = buf.readInt32BE(at);
          at += 4;
          if (len < 0) fields[i] = null;
          else {
            fields[i] = buf.toString('utf8', at, at + len);
            at += len;
          }
        }
        reply.rows.push(fields);
        break;
      }
      case 0x43:
        // CommandComplete
        reply.tags.push(cstringAt(buf, at));
        break;
      case 0x54: {
        // RowDescription
        const n = buf.readInt16BE(at);
        at += 2;
        const columns: Column[] = [];
        for (let i = 0; i < n; i++) {
          const name = cstringAt(buf, at);
          at = buf.indexOf(0, at) + 1;
          columns.push({ name, typeId: buf.readInt32BE(at + 6) });
          at += 18;
        }
        reply.columns = columns;
        break;
      }
      case 0x74: {
        // ParameterDescription
        const n = buf.readInt16BE(at);
        const types: number[] = [];
        for (let i = 0; i < n; i++) types.push(buf.readInt32BE(at + 2 + 4 * i));
        reply.paramTypes = types;
        break;
      }
      case 0x45: {
        // ErrorResponse
        const fields: Record<string, string> = {};
        while (buf[at] !== 0) {
          const key = String.fromCharCode(buf[at++]);
          fields[key] = cstringAt(buf, at);
          at = buf.indexOf(0, at) + 1;
        }
        if (!reply.error) {
          const error = new messages.DatabaseError(fields.M ?? 'database error', length, 'error');
          for (const [k, v] of Object.entries(fields)) if (ERROR_FIELDS[k]) Object.assign(error, { [ERROR_FIELDS[k]]: v });
          reply.error = error;
        }
        break;
      }
      // Anything else (ParseComplete, BindComplete, NoData, ReadyForQuery, notices…) carries nothing we use.
    }
    at = next;
  }
  return reply;
}
