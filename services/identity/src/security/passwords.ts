import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * Spelled out rather than left to the defaults, because DUMMY_HASH has to cost exactly what a real
 * hash costs. `Algorithm` is a const enum with no runtime object, hence the literal for Argon2id.
 */
const OPTIONS = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * The hash of a random password nobody kept, made with OPTIONS. A login for an unknown email is
 * checked against it, so it takes as long as one for a known email and reveals nothing.
 */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$WzxE5pzO1sC1LqA2+Ph2FA$8EfaUZkouPq5ysRO5BnAcmx3ek3JJOg1sKHWrDW47/o';

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/** False for a missing account too, after the same amount of work. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const matches = await verify(passwordHash ?? DUMMY_HASH, password);
  return matches && passwordHash !== null;
}
