import type { TokenPair, User } from '@mercato/contracts';
import { newId } from '@mercato/kernel';
import { randomBytes } from 'node:crypto';
import type { NewRefreshToken } from '../db/refresh-tokens-repo.ts';
import { hashRefreshToken } from '../domain/tokens.ts';
import { accessTokenSigner } from '../security/access-tokens.ts';
import type { SigningKeys } from '../security/signing-keys.ts';
import type { IdentitySettings } from '../settings.ts';

/**
 * What a session hands out: a refresh token (only its digest is stored) and, with each, an access
 * token signed for the user's current roles. A sign-in starts a family of refresh tokens; each
 * refresh replaces the family's live token, so a replayed old one can only be a copy.
 */
export interface SessionTokens {
  mintRefreshToken(userId: string, familyId: string): { token: string; row: NewRefreshToken };
  tokenPair(user: User, refreshToken: string): Promise<TokenPair>;
}

export function sessionTokens(settings: IdentitySettings, keys: SigningKeys): SessionTokens {
  const signAccessToken = accessTokenSigner(keys, settings.JWT_ACCESS_TTL);
  return {
    mintRefreshToken(userId, familyId) {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + settings.JWT_REFRESH_TTL);
      return { token, row: { id: newId(), userId, familyId, tokenHash: hashRefreshToken(token), expiresAt } };
    },
    tokenPair: async (user, refreshToken) => ({ ...(await signAccessToken(user)), refreshToken, tokenType: 'Bearer' }),
  };
}
