import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../src/security/passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id at the same cost as the dummy hash', async () => {
    const hash = await hashPassword('correct horse 1');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    const { saltLen: _a, ...real } = parseOptions(hash);
    const { saltLen: _b, ...dummy } = parseOptions(DUMMY_HASH);
    expect(real).toEqual(dummy);
  });

  it('verifies the right password only', async () => {
    const hash = await hashPassword('correct horse 1');
    expect(await verifyPassword(hash, 'correct horse 1')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse 2')).toBe(false);
  });

  it('refuses every password for a missing account', async () => {
    expect(await verifyPassword(null, 'anything')).toBe(false);
  });
});
