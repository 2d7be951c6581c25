import type { TokenPair } from '@mercato/contracts';
import { AppError, type Db } from '@mercato/kernel';
import { lockRefreshToken, revokeFamily, rotateRefreshToken } from '../db/refresh-tokens-repo.ts';
import { hashRefreshToken, judgeRefreshToken } from '../domain/tokens.ts';
import type { SessionTokens } from './session-tokens.ts';

const invalidRefreshToken = () => new AppError(401, 'invalid_refresh_token', 'The refresh token is unknown, expired or revoked');
const reusedRefreshToken = () =>
  new AppError(401, 'refresh_token_reused', 'The refresh token was already used; its whole session has been revoked');

/** Rotates a live refresh token for new tokens; presenting a rotated one again ends its whole family. */
export async function refreshSession(db: Db, tokens: SessionTokens, presented: string): Promise<TokenPair> {
  const outcome = await db.transaction(async (tx) => {
    const current = await lockRefreshToken(tx, hashRefreshToken(presented));
    if (!current) return { verdict: 'unknown' } as const;
    const verdict = judgeRefreshToken(current, new Date());
    if (verdict === 'reused') await revokeFamily(tx, current.familyId);
    if (verdict !== 'ok') return { verdict } as const;
    const next = tokens.mintRefreshToken(current.user.id, current.familyId);
    await rotateRefreshToken(tx, current.id, next.row);
    return { verdict, user: current.user, token: next.token } as const;
  });
  // Thrown once the transaction has committed, so the family's revocation is kept.
  if (outcome.verdict === 'reused') throw reusedRefreshToken();
  if (outcome.verdict !== 'ok') throw invalidRefreshToken();
  return tokens.tokenPair(outcome.user, outcome.token);
}
