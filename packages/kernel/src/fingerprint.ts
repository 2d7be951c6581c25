import { createHash } from 'node:crypto';
import { unprocessable } from './errors.ts';

/** A stable hash of a JSON value: key order does not matter, so equal requests hash equal. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * A repeated Idempotency-Key is answered with what it created, provided the request is the same
 * (equal fingerprints); the same key with another body is the client's mistake: 422.
 */
export function assertSameRequest(storedFingerprint: string, fingerprintNow: string): void {
  if (storedFingerprint !== fingerprintNow)
    throw unprocessable('idempotency_key_reused', 'This Idempotency-Key was used for a different request');
}
