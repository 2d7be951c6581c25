import { loadMigrations, localVerifier, migrate, openPglite, type Db } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenSigner } from '../src/security/access-tokens.ts';
import { loadSigningKeys } from '../src/security/signing-keys.ts';

let db: Db;

beforeAll(async () => {
  db = await openPglite();
  await migrate(db, 'identity', loadMigrations(fileURLToPath(new URL('../migrations', import.meta.url))));
});

afterAll(() => db.close());

describe('signing keys', () => {
  it('are generated once and reloaded, so tokens survive a restart', async () => {
    const first = await loadSigningKeys(db);
    const restarted = await loadSigningKeys(db);
    expect(restarted.kid).toBe(first.kid);
    expect(restarted.jwks).toEqual(first.jwks);
    expect(first.jwks.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: first.kid })]);
    expect(first.jwks.keys[0]).not.toHaveProperty('d');

    const user = { id: '0190d5e4-0000-7000-8000-000000000001', email: 'a@b.io', name: 'Ada', roles: ['customer' as const] };
    const { accessToken, expiresIn } = await accessTokenSigner(first, 60_000)(user);
    expect(expiresIn).toBe(60);
    const principal = await localVerifier(() => restarted.jwks).verify(accessToken);
    expect(principal).toEqual({ userId: user.id, email: user.email, name: user.name, roles: ['customer'] });
  });
});
