import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop, type TestShop } from '../../../test/support/shop.ts';

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop({ RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW: '60s' });
});
afterAll(() => shop?.stop());

describe('rate limits in the embedded gateway', () => {
  it('answers 429 problem+json with Retry-After past the limit, per client, never on probes', async () => {
    const customer = await shop.registerCustomer();
    // Windows are fixed (aligned to the minute): start well inside one, so the requests cannot straddle two.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await shop.call('GET', '/api/users/me', { token: customer.token }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await shop.call('GET', '/api/users/me', { token: shop.adminToken })).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await shop.call('GET', '/health/live')).status).toBe(200);
  });
});
