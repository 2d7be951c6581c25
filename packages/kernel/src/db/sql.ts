import type { Queryable } from './db.ts';

/** The transaction's time as the API writes instants: ISO 8601 in UTC, to the millisecond. */
export const NOW_ISO = `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The SQL that appends a status change to a jsonb `history` array: `{status, <noteKey>, at}` from
 * the two parameters named, at the transaction's time.
 */
export const appendHistory = (statusParam: string, noteKey: string, noteParam: string) =>
  `history = history || jsonb_build_array(jsonb_build_object(` +
  `'status', ${statusParam}::text, '${noteKey}', ${noteParam}::text, 'at', ${NOW_ISO}))`;

export interface PageQuery {
  columns: string;
  table: string;
  /** Column to value; an undefined value is no condition. */
  equal: Record<string, unknown>;
  orderBy: string;
  page: number;
  pageSize: number;
}

/** One page of a table's rows where each given column equals its value, and how many rows match in all. */
export async function selectPage<T>(db: Queryable, q: PageQuery): Promise<{ rows: T[]; total: number }> {
  const params: unknown[] = [];
  const where: string[] = [];
  for (const [column, value] of Object.entries(q.equal)) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [rows, count] = await Promise.all([
    db.query<T>(
      `SELECT ${q.columns} FROM ${q.table} ${clause} ORDER BY ${q.orderBy} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.table} ${clause}`, params),
  ]);
  return { rows, total: count[0].n };
}
