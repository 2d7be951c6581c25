import type { TokenPair, User } from '@mercato/contracts';
import { AppError, newId, type Db } from '@mercato/kernel';
import { randomBytes } from 'node:crypto';
import {
  insertRefreshToken,
  lockRefreshToken,
  revokeFamily,
  revokeFamilyOf,
  rotateRefreshToken,
  type NewRefreshToken,
} from './db/refresh-tokens-repo.ts';
import { findCredentials } from './db/users-repo.ts';
import { hashRefreshToken, judgeRefreshToken } from './domain/tokens.ts';
import { accessTokenSigner } from './security/access-tokens.ts';
import { verifyPassword } from './security/passwords.ts';
import type { SigningKeys } from './security/signing-keys.ts';
import type { IdentitySettings } from './settings.ts';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Wrong email or password');
const invalidRefreshToken = () =>
  new AppError(401, 'invalid_refresh_token', 'The refresh token is unknown, expired or revoked');
const reusedRefreshToken = () =>
  new AppError(401, 'refresh_token_reused', 'The refresh token was already used; its whole session has been revoked');

export type Sessions = ReturnType<typeof createSessions>;

/**
 * Login, refresh and logout. A login starts a family of refresh tokens; each refresh replaces the
 * family's live token, so a replayed old one can only be a copy, and ends the family.
 */
export function createSessions(db: Db, config: IdentitySettings, keys: SigningKeys) {
  const signAccessToken = accessTokenSigner(keys, config.JWT_ACCESS_TTL);

  const mintRefreshToken = (userId: string, familyId: string): { token: string; row: NewRefreshToken } => {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + config.JWT_REFRESH_TTL);
    return { token, row: { id: newId(), userId, familyId, tokenHash: hashRefreshToken(token), expiresAt } };
  };

  const tokenPair = async (user: User, refreshToken: string): Promise<TokenPair> => ({
    ...(await signAccessToken(user)),
    refreshToken,
    tokenType: 'Bearer',
  });

  return {
    async login(email: string, password: string): Promise<TokenPair> {
      const found = await findCredentials(db, email);
      if (!(await verifyPassword(found?.passwordHash ?? null, password)) || !found) throw invalidCredentials();
      const refresh = mintRefreshToken(found.user.id, newId());
      await insertRefreshToken(db, refresh.row);
      return tokenPair(found.user, refresh.token);
    },

    async refresh(presented: string): Promise<TokenPair> {
      const outcome = await db.transaction(async (tx) => {
        const current = await lockRefreshToken(tx, hashRefreshToken(presented));
        if (!current) return { verdict: 'unknown' } as const;
        const verdict = judgeRefreshToken(current, new Date());
        if (verdict === 'reused') await revokeFamily(tx, current.familyId);
        if (verdict !== 'ok') return { verdict } as const;
        const next = mintRefreshToken(current.user.id, current.familyId);
        await rotateRefreshToken(tx, current.id, next.row);
        return { verdict, user: current.user, token: next.token } as const;
      });
      // Thrown once the transaction has committed, so the family's revocation is kept.
      if (outcome.verdict === 'reused') throw reusedRefreshToken();
      if (outcome.verdict !== 'ok') throw invalidRefreshToken();
      return tokenPair(outcome.user, outcome.token);
    },

    async logout(presented: string): Promise<void> {
      await revokeFamilyOf(db, hashRefreshToken(presented));
    },
  };
}
