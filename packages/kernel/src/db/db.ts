/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A transaction; callbacks registered with afterCommit run once it has committed (never on rollback). */
export interface Tx extends Queryable {
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

/** Collects afterCommit callbacks and runs them once the transaction is known to be durable. */
export class CommitHooks {
  private readonly hooks: Array<() => void> = [];
  add(fn: () => void): void {
    this.hooks.push(fn);
  }
  run(): void {
    for (const fn of this.hooks) fn();
  }
}
