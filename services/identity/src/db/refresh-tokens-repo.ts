import type { User } from '@mercato/contracts';
import type { Queryable } from '@mercato/kernel';
import type { RefreshTokenState } from '../domain/tokens.ts';
import { toUser } from './users-repo.ts';

export interface NewRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
}

export interface LockedRefreshToken extends RefreshTokenState {
  id: string;
  familyId: string;
  /** Read with the token so a refresh signs the user's current roles without a second query. */
  user: User;
}

export async function insertRefreshToken(db: Queryable, t: NewRefreshToken): Promise<void> {
  await db.query('INSERT INTO identity.refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    t.id,
    t.userId,
    t.familyId,
    t.tokenHash,
    t.expiresAt,
  ]);
}

/** Locks the row so two refreshes racing with one token cannot both rotate it. */
export async function lockRefreshToken(db: Queryable, tokenHash: string): Promise<LockedRefreshToken | null> {
  const rows = await db.query<{
    id: string;
    family_id: string;
    expires_at: Date;
    rotated_at: Date | null;
    revoked_at: Date | null;
    user_id: string;
    email: string;
    name: string;
    roles: User['roles'];
    created_at: Date;
  }>(
    `SELECT t.id, t.family_id, t.expires_at, t.rotated_at, t.revoked_at,
            u.id AS user_id, u.email, u.name, u.roles, u.created_at
     FROM identity.refresh_tokens t JOIN identity.users u ON u.id = t.user_id
     WHERE t.token_hash = $1 FOR UPDATE OF t`,
    [tokenHash],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    familyId: r.family_id,
    expiresAt: new Date(r.expires_at),
    rotatedAt: r.rotated_at && new Date(r.rotated_at),
    revokedAt: r.revoked_at && new Date(r.revoked_at),
    user: toUser({ ...r, id: r.user_id }),
  };
}

/** Marks the presented token used and issues its successor in the same family, in one statement. */
export async function rotateRefreshToken(db: Queryable, currentId: string, next: NewRefreshToken): Promise<void> {
  await db.query(
    `WITH rotated AS (UPDATE identity.refresh_tokens SET rotated_at = now() WHERE id = $1)
     INSERT INTO identity.refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($2, $3, $4, $5, $6)`,
    [currentId, next.id, next.userId, next.familyId, next.tokenHash, next.expiresAt],
  );
}

export async function revokeFamily(db: Queryable, familyId: string): Promise<void> {
  await db.query('UPDATE identity.refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);
}

export async function revokeFamilyOf(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(
    `UPDATE identity.refresh_tokens SET revoked_at = now()
     WHERE family_id = (SELECT family_id FROM identity.refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL`,
    [tokenHash],
  );
}

/** Deletes up to `limit` expired tokens; an expired token is refused whether its row exists or not. */
export async function deleteExpiredRefreshTokens(db: Queryable, limit: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM identity.refresh_tokens WHERE id IN
       (SELECT id FROM identity.refresh_tokens WHERE expires_at < now() LIMIT $1) RETURNING id`,
    [limit],
  );
  return rows.length;
}
