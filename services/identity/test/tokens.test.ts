import { describe, expect, it } from 'vitest';
import { hashRefreshToken, judgeRefreshToken, ttlSeconds } from '../src/domain/tokens.ts';

const now = new Date('2026-01-01T12:00:00Z');
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 60_000);
const live = { expiresAt: later, rotatedAt: null, revokedAt: null };

describe('judgeRefreshToken', () => {
  it('accepts a live token', () => {
    expect(judgeRefreshToken(live, now)).toBe('ok');
  });

  it('treats a rotated token as reused, even when it is also revoked or expired', () => {
    expect(judgeRefreshToken({ ...live, rotatedAt: earlier }, now)).toBe('reused');
    expect(judgeRefreshToken({ ...live, rotatedAt: earlier, revokedAt: earlier }, now)).toBe('reused');
    expect(judgeRefreshToken({ expiresAt: earlier, rotatedAt: earlier, revokedAt: null }, now)).toBe('reused');
  });

  it('refuses a revoked token', () => {
    expect(judgeRefreshToken({ ...live, revokedAt: earlier }, now)).toBe('revoked');
    expect(judgeRefreshToken({ expiresAt: earlier, rotatedAt: null, revokedAt: earlier }, now)).toBe('revoked');
  });

  it('refuses a token at and after its expiry', () => {
    expect(judgeRefreshToken({ ...live, expiresAt: now }, now)).toBe('expired');
    expect(judgeRefreshToken({ ...live, expiresAt: earlier }, now)).toBe('expired');
  });
});

describe('hashRefreshToken', () => {
  it('is a stable sha256 hex digest that differs from the token', () => {
    const token = 'a-refresh-token';
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token));
    expect(hashRefreshToken(token)).not.toBe(hashRefreshToken(`${token}x`));
  });
});

describe('ttlSeconds', () => {
  it('rounds up to whole seconds and never gives zero', () => {
    expect(ttlSeconds(15 * 60_000)).toBe(900);
    expect(ttlSeconds(1500)).toBe(2);
    expect(ttlSeconds(1)).toBe(1);
  });
});
