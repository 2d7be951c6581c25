import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { JWT_AUDIENCE, JWT_ISSUER, localVerifier } from '../src/index.ts';

let sign: (claims: Record<string, unknown>, ttlS: number) => Promise<string>;
let jwks: JSONWebKeySet;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
  sign = (claims, ttlS) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(JWT_ISSUER)
      .setAudience(JWT_AUDIENCE)
      .setSubject('0190d5e4-0000-7000-8000-000000000001')
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlS)
      .sign(privateKey);
});
afterEach(() => vi.useRealTimers());

describe('the access token verifier', () => {
  it('accepts a token again without changing its answer, and still refuses a token whose text differs', async () => {
    const verifier = localVerifier(() => jwks);
    const token = await sign({ email: 'a@b.io', name: 'Ada', roles: ['customer', 'root'] }, 60);
    const first = await verifier.verify(token);
    expect(first).toEqual({ userId: '0190d5e4-0000-7000-8000-000000000001', email: 'a@b.io', name: 'Ada', roles: ['customer'] });
    expect(await verifier.verify(token)).toEqual(first);
    // The signature's first character changed (its last one may carry only padding bits): a
    // remembered token is matched by its whole text.
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(verifier.verify(forged)).rejects.toMatchObject({ status: 401 });
    await expect(verifier.verify('not.a.token')).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a remembered token once it has expired', async () => {
    const verifier = localVerifier(() => jwks);
    const token = await sign({ roles: ['admin'] }, 30);
    expect((await verifier.verify(token)).roles).toEqual(['admin']);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 31_000);
    await expect(verifier.verify(token)).rejects.toMatchObject({ status: 401 });
  });
});
