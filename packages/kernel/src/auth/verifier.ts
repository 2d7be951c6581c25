import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { unauthorized } from '../errors.ts';
import { JWT_AUDIENCE, JWT_ISSUER, ROLES, type Principal, type Role } from './principal.ts';

/** Verifies access tokens signed by identity; every service holds one, none holds a signing key. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

type KeyResolver = Parameters<typeof jwtVerify>[1];

function verifierFor(resolveKey: () => KeyResolver): TokenVerifier {
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, resolveKey(), { issuer: JWT_ISSUER, audience: JWT_AUDIENCE }));
      } catch {
        throw unauthorized('Invalid or expired access token');
      }
      const roles = Array.isArray(payload.roles) ? (payload.roles.filter((r) => ROLES.includes(r as Role)) as Role[]) : [];
      if (typeof payload.sub !== 'string') throw unauthorized('Invalid access token');
      return { userId: payload.sub, email: String(payload.email ?? ''), name: String(payload.name ?? ''), roles };
    },
  };
}

/** In one process: the key set comes straight from identity's key store. */
export function localVerifier(jwks: () => JSONWebKeySet): TokenVerifier {
  let cached: { keys: JSONWebKeySet; resolver: KeyResolver } | null = null;
  return verifierFor(() => {
    const keys = jwks();
    if (cached?.keys !== keys) cached = { keys, resolver: createLocalJWKSet(keys) };
    return cached.resolver;
  });
}

/** Across processes: identity's JWKS endpoint, cached and refreshed when an unknown key id shows up. */
export function remoteVerifier(jwksUrl: string): TokenVerifier {
  const resolver = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  return verifierFor(() => resolver);
}
