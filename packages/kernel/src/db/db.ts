/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * A transaction. beforeCommit work runs in the transaction once its function has returned (a
 * failure rolls it all back); afterCommit callbacks run once it has committed (never on rollback).
 */
export interface Tx extends Queryable {
  beforeCommit(fn: () => Promise<void>): void;
  afterCommit(fn: () => void): void;
}

export interface TransactionOptions {
  lockTimeoutMs?: number;
}

/**
 * The database port. PGlite (embedded) and node-postgres (distributed) both sit behind it,
 * so service code writes one dialect of SQL: PostgreSQL.
 */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * `lockTimeoutMs`: how long a statement of the transaction may wait for a row lock before it fails
   * (PostgreSQL's lock_timeout); nothing to wait for on PGlite, which runs one transaction at a time.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Collects a transaction's beforeCommit work and afterCommit callbacks, which the adapters run in turn. */
export class CommitHooks {
  private readonly before: Array<() => Promise<void>> = [];
  private readonly after: Array<() => void> = [];

  /** The hooks a transaction's function registers with. */
  bind(query: Queryable['query']): Tx {
    return { query, beforeCommit: (fn) => this.before.push(fn), afterCommit: (fn) => this.after.push(fn) };
  }

  async beforeCommit(): Promise<void> {
    for (const fn of this.before) await fn();
  }

  afterCommit(): void {
    for (const fn of this.after) fn();
  }
}
