import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors.ts';

/**
 * PostgreSQL stores neither a NUL character in text or jsonb nor a lone UTF-16 surrogate (it is not
 * Unicode), and either would fail deep inside a write as a 500. One rule refuses them at the door.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function unstorable(s: string): boolean {
  return UNSTORABLE.test(s);
}

/** A key as it can be named in a field path (the offending characters shown as U+FFFD). */
const printable = (key: string) => key.replace(new RegExp(UNSTORABLE.source, 'g'), '\uFFFD');

const MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired UTF-16 surrogate)';

/** The fields (as `body.a.0.b`) of every string, object key included, that PostgreSQL cannot store. */
export function unstorableFields(where: string, value: unknown): FieldError[] {
  const found: FieldError[] = [];
  // Iterative: a deeply nested body must not overflow the stack.
  const stack: Array<[string, unknown]> = [[where, value]];
  while (stack.length && found.length < 20) {
    const [path, v] = stack.pop()!;
    if (typeof v === 'string') {
      if (unstorable(v)) found.push({ field: path, message: MESSAGE });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([`${path}.${i}`, v[i]]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const field = `${path}.${printable(key)}`;
        if (unstorable(key)) found.push({ field, message: `key ${MESSAGE}` });
        stack.push([field, child]);
      }
    }
  }
  return found;
}

/** preValidation hook: a 400 naming each field, before any schema or handler sees the request. */
export async function refuseUnstorableStrings(req: FastifyRequest) {
  const errors = [
    ...unstorableFields('params', req.params),
    ...unstorableFields('query', req.query),
    ...unstorableFields('body', req.body),
  ];
  if (errors.length) {
    throw new AppError(400, 'validation_failed', `Invalid characters in ${errors.map((e) => e.field).join(', ')}`, errors);
  }
}
