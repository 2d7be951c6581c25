import { emailAddress, loginInput, newPassword, registerInput } from '@mercato/contracts';
import { describe, expect, it } from 'vitest';

describe('newPassword', () => {
  it('accepts ten or more characters with a letter and a digit', () => {
    expect(newPassword.safeParse('abcdefghi1').success).toBe(true);
    expect(newPassword.safeParse('passwörter2026').success).toBe(true);
  });

  it.each([
    ['too short', 'abcdefgh1'],
    ['no digit', 'abcdefghijkl'],
    ['no letter', '12345678901'],
    ['too long', `a1${'x'.repeat(199)}`],
  ])('refuses a password that is %s', (_why, password) => {
    expect(newPassword.safeParse(password).success).toBe(false);
  });
});

describe('emailAddress', () => {
  it('trims and lowercases', () => {
    expect(emailAddress.parse('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('refuses malformed and overlong addresses', () => {
    expect(emailAddress.safeParse('not-an-email').success).toBe(false);
    expect(emailAddress.safeParse(`${'a'.repeat(250)}@x.io`).success).toBe(false);
  });
});

describe('registerInput', () => {
  it('trims the name and refuses a blank one', () => {
    const base = { email: 'a@b.io', password: 'abcdefghi1' };
    expect(registerInput.parse({ ...base, name: '  Ada  ' }).name).toBe('Ada');
    expect(registerInput.safeParse({ ...base, name: '   ' }).success).toBe(false);
    expect(registerInput.safeParse({ ...base, name: 'x'.repeat(101) }).success).toBe(false);
  });
});

describe('loginInput', () => {
  it('does not apply the policy, so older passwords still sign in', () => {
    expect(loginInput.safeParse({ email: 'a@b.io', password: 'short' }).success).toBe(true);
  });
});
