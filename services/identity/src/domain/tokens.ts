import { createHash } from 'node:crypto';

export interface RefreshTokenState {
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshVerdict = 'ok' | 'reused' | 'revoked' | 'expired';

/**
 * What presenting a stored refresh token means. A rotated token was already exchanged once, so
 * seeing it again means a second party holds it: that outranks revocation and expiry, because the
 * answer to it (revoking the whole family) is what stops a thief still holding the newest token.
 */
export function judgeRefreshToken(token: RefreshTokenState, now: Date): RefreshVerdict {
  if (token.rotatedAt) return 'reused';
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'ok';
}

/**
 * Only this digest is stored, so a leaked table yields no usable token. The token is 256 random
 * bits, which makes a plain SHA-256 enough: there is no dictionary to try, unlike passwords.
 */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Whole seconds, never zero: a sub-second lifetime would otherwise sign an already expired token. */
export const ttlSeconds = (ttlMs: number): number => Math.max(1, Math.ceil(ttlMs / 1000));
