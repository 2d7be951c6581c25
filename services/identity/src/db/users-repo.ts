import type { User, UserRole } from '@mercato/contracts';
import type { Queryable } from '@mercato/kernel';

interface UserRow {
  id: string;
  email: string;
  name: string;
  roles: UserRole[];
  created_at: Date;
}

const COLUMNS = 'id, email, name, roles, created_at';

export const toUser = (r: UserRow): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  roles: r.roles,
  createdAt: new Date(r.created_at).toISOString(),
});

export interface NewUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: UserRole[];
}

/** Null when the email (in any letter case) is taken. */
export async function insertUser(db: Queryable, u: NewUser): Promise<User | null> {
  const rows = await db.query<UserRow>(
    `INSERT INTO identity.users (id, email, name, password_hash, roles) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (lower(email)) DO NOTHING RETURNING ${COLUMNS}`,
    [u.id, u.email, u.name, u.passwordHash, u.roles],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUser(db: Queryable, id: string): Promise<User | null> {
  const rows = await db.query<UserRow>(`SELECT ${COLUMNS} FROM identity.users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findCredentials(db: Queryable, email: string): Promise<{ user: User; passwordHash: string } | null> {
  const rows = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${COLUMNS}, password_hash FROM identity.users WHERE lower(email) = lower($1)`,
    [email],
  );
  return rows[0] ? { user: toUser(rows[0]), passwordHash: rows[0].password_hash } : null;
}

export async function emailTaken(db: Queryable, email: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM identity.users WHERE lower(email) = lower($1)', [email])).length > 0;
}

export async function setUserRoles(db: Queryable, id: string, roles: UserRole[]): Promise<User | null> {
  const rows = await db.query<UserRow>(`UPDATE identity.users SET roles = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, roles]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function listUsers(db: Queryable, page: { page: number; pageSize: number }): Promise<{ items: User[]; total: number }> {
  const rows = await db.query<UserRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM identity.users ORDER BY created_at, id LIMIT $1 OFFSET $2`,
    [page.pageSize, (page.page - 1) * page.pageSize],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.page > 1) {
    total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM identity.users'))[0]!.n;
  }
  return { items: rows.map(toUser), total };
}
