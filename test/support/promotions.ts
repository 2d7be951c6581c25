import { expect } from 'vitest';
import type { Call } from './http.ts';

let codes = 0;

/** Creates a promotion as the admin (10% off unless told otherwise) through the whole shop or promotions alone. */
export async function promotion(target: { call: Call; adminToken: string }, body: Record<string, unknown> = {}) {
  const res = await target.call('POST', '/api/admin/promotions', {
    token: target.adminToken,
    body: { code: `CODE-${++codes}-${Date.now() % 100000}`, kind: 'percent', percentOff: 10, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
