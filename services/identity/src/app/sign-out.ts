import type { Queryable } from '@mercato/kernel';
import { revokeFamilyOf } from '../db/refresh-tokens-repo.ts';
import { hashRefreshToken } from '../domain/tokens.ts';

/** Revokes the session (the whole family) of a refresh token; an unknown token changes nothing. */
export async function signOut(db: Queryable, presented: string): Promise<void> {
  await revokeFamilyOf(db, hashRefreshToken(presented));
}
