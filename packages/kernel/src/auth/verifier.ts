import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { unauthorized } from '../errors.ts';
import { JWT_AUDIENCE, JWT_ISSUER, ROLES, type Principal, type Role } from './principal.ts';

/** Verifies access tokens signed by identity; every service holds one, none holds a signing key. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

type KeyResolver = Parameters<typeof jwtVerify>[1];

/** Verified tokens remembered per process; past this, the oldest is forgotten. */
const REMEMBERED_TOKENS = 10_000;

/**
 * A client sends the same access token with every request until it expires, and checking its
 * signature is the costliest part of a request. So a token that verified is remembered, by its
 * exact text (signature included), until its expiry. Access tokens cannot be revoked before they
 * expire anyway; only a signing key withdrawn from the key set is noticed later, at their expiry.
 */
function verifierFor(resolveKey: () => KeyResolver): TokenVerifier {
  const verified = new Map<string, { principal: Principal; expiresAtMs: number }>();
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known && known.expiresAtMs > Date.now()) return known.principal;
      if (known) verified.delete(token);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, resolveKey(), { issuer: JWT_ISSUER, audience: JWT_AUDIENCE }));
      } catch {
        throw unauthorized('Invalid or expired access token');
      }
      const roles = Array.isArray(payload.roles) ? (payload.roles.filter((r) => ROLES.includes(r as Role)) as Role[]) : [];
      if (typeof payload.sub !== 'string') throw unauthorized('Invalid access token');
      const principal: Principal = {
        userId: payload.sub,
        email: typeof payload.email === 'string' ? payload.email : '',
        name: typeof payload.name === 'string' ? payload.name : '',
        roles,
      };
      if (typeof payload.exp === 'number') {
        if (verified.size >= REMEMBERED_TOKENS) verified.delete(verified.keys().next().value!);
        verified.set(token, { principal, expiresAtMs: payload.exp * 1000 });
      }
      return principal;
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
