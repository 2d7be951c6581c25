import { jsonWebKeySet, type JsonWebKeySet } from '@mercato/contracts';
import type { Db } from '@mercato/kernel';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import { insertSigningKey, listSigningKeys, type StoredSigningKey } from '../db/signing-keys-repo.ts';

export const SIGNING_ALG = 'ES256';

export interface SigningKeys {
  kid: string;
  privateKey: Awaited<ReturnType<typeof importJWK>>;
  /** Built once: the host's verifier rebuilds its key resolver whenever this object changes identity. */
  jwks: JsonWebKeySet;
}

/** The key pair lives in the database so that tokens outlive a restart and every replica signs alike. */
export async function loadSigningKeys(db: Db): Promise<SigningKeys> {
  const stored = await db.transaction(async (tx) => {
    // Replicas starting together must settle on one key rather than each mint their own.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['mercato.identity.signing-key']);
    const keys = await listSigningKeys(tx);
    return keys.length ? keys : [await insertSigningKey(tx, await generateSigningKey())];
  });
  const signing = stored[0]!;
  return {
    kid: signing.kid,
    privateKey: await importJWK(signing.privateJwk, SIGNING_ALG),
    jwks: jsonWebKeySet.parse({ keys: stored.map((k) => k.publicJwk) }),
  };
}

async function generateSigningKey(): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG },
    publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' },
  };
}
