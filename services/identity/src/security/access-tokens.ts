import type { User } from '@mercato/contracts';
import { JWT_AUDIENCE, JWT_ISSUER } from '@mercato/kernel';
import { SignJWT } from 'jose';
import { ttlSeconds } from '../domain/tokens.ts';
import { SIGNING_ALG, type SigningKeys } from './signing-keys.ts';

export interface AccessToken {
  accessToken: string;
  expiresIn: number;
}

/** Signs the short-lived bearer tokens every service verifies against identity's JWKS. */
export function accessTokenSigner(keys: SigningKeys, ttlMs: number) {
  const expiresIn = ttlSeconds(ttlMs);
  return async (user: Pick<User, 'id' | 'email' | 'name' | 'roles'>): Promise<AccessToken> => {
    const issuedAt = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ email: user.email, name: user.name, roles: user.roles })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setSubject(user.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresIn)
      .sign(keys.privateKey);
    return { accessToken, expiresIn };
  };
}
