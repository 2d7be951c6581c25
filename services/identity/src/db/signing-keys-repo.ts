import type { Queryable } from '@mercato/kernel';
import type { JWK } from 'jose';

export interface StoredSigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

interface SigningKeyRow {
  kid: string;
  private_jwk: JWK;
  public_jwk: JWK;
}

/** Newest first: the first one signs, all of them verify. */
export async function listSigningKeys(db: Queryable): Promise<StoredSigningKey[]> {
  const rows = await db.query<SigningKeyRow>(
    'SELECT kid, private_jwk, public_jwk FROM identity.signing_keys ORDER BY created_at DESC, kid',
  );
  return rows.map((r) => ({ kid: r.kid, privateJwk: r.private_jwk, publicJwk: r.public_jwk }));
}

export async function insertSigningKey(db: Queryable, key: StoredSigningKey): Promise<StoredSigningKey> {
  await db.query('INSERT INTO identity.signing_keys (kid, private_jwk, public_jwk) VALUES ($1, $2, $3)', [
    key.kid,
    JSON.stringify(key.privateJwk),
    JSON.stringify(key.publicJwk),
  ]);
  return key;
}
