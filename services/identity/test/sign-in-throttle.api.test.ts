import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { identityService } from '../src/index.ts';

/**
 * Identity alone with the throttle's default account policy (5 free failures, then 1 s, 2 s, 4 s …),
 * a small registration budget, and a clock the test moves (Date only: timers run as usual).
 */
let host: Host;
let seq = 0;
const PASSWORD = 'sturdy-pass-42';
const WRONG = 'not-the-password';

beforeAll(async () => {
  host = await hostService(identityService, { env: { REGISTRATIONS_PER_ADDRESS_PER_HOUR: '3', SIGN_IN_FAILURES_PER_ADDRESS: '20' } });
});
afterAll(() => host?.close());
afterEach(() => vi.useRealTimers());

const freshEmail = () => `throttled-${Date.now()}-${++seq}@test.local`;
/** Each test calls from an address of its own (the socket's), so the per-address budgets are the test's alone. */
async function post(url: string, body: unknown, address: number) {
  const res = await host.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: `203.0.113.${address}` });
  return { status: res.statusCode, headers: res.headers, body: res.json() };
}

const login = (email: string, password: string, address: number) => post('/api/auth/login', { email, password }, address);

async function registered(address: number) {
  const email = freshEmail();
  const res = await post('/api/auth/register', { email, password: PASSWORD, name: 'Ada' }, address);
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
}

const advance = (ms: number) => vi.setSystemTime(Date.now() + ms);
const lockouts = async (userId: string) =>
  (await host.published()).filter((e) => e.type === 'identity.sign_in_locked' && e.payload.userId === userId);

describe('sign-in throttle per account', () => {
  it('answers 401 for the free failures, then 429 with a Retry-After that grows with each further failure', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { email } = await registered(11);
    for (let i = 0; i < 5; i++) expect((await login(email, WRONG, 11)).status).toBe(401);
    expect((await login(email, WRONG, 11)).status).toBe(401);

    const delays: number[] = [];
    for (const wait of [1_000, 2_000, 4_000]) {
      const refused = await login(email, WRONG, 11);
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.code).toBe('too_many_attempts');
      delays.push(Number(refused.headers['retry-after']));
      advance(wait);
      expect((await login(email, WRONG, 11)).status).toBe(401);
    }
    expect(delays).toEqual([1, 2, 4]);
    expect(Number((await login(email, WRONG, 11)).headers['retry-after'])).toBe(8);
  });

  it('refuses the right password while locked, lets it in after the delay, and then forgets the failures', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { email } = await registered(12);
    for (let i = 0; i < 6; i++) await login(email, WRONG, 12);

    const locked = await login(email, PASSWORD, 12);
    expect(locked.status).toBe(429);
    expect(locked.body.accessToken).toBeUndefined();

    advance(1_000);
    const signedIn = await login(email, PASSWORD, 12);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.accessToken).toEqual(expect.any(String));

    // The count started over: five free failures again before the next lock.
    for (let i = 0; i < 5; i++) expect((await login(email, WRONG, 12)).status).toBe(401);
    expect((await login(email, PASSWORD, 12)).status).toBe(200);
  });

  it('throttles an email without an account exactly as one with an account', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { email: known } = await registered(13);
    const unknown = freshEmail();
    const answers = async (email: string) => {
      const out: Array<[number, string | undefined, string | undefined]> = [];
      for (let i = 0; i < 8; i++) {
        const res = await login(email, WRONG, 13);
        out.push([res.status, res.body.code, res.headers['retry-after']]);
      }
      return out;
    };
    const forKnown = await answers(known);
    expect(await answers(unknown)).toEqual(forKnown);
    expect(forKnown.map(([status]) => status)).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it('counts the email in any letter case as the same account', async () => {
    const { email } = await registered(14);
    for (let i = 0; i < 6; i++) await login(i % 2 ? email.toUpperCase() : email, WRONG, 14);
    expect((await login(`  ${email.toUpperCase()} `, PASSWORD, 14)).status).toBe(429);
  });

  it('tells the owner once per lockout, not per refused attempt, and never for an email without an account', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { id, email } = await registered(15);
    for (let i = 0; i < 6; i++) await login(email, WRONG, 15);
    for (let i = 0; i < 3; i++) expect((await login(email, WRONG, 15)).status).toBe(429);
    advance(1_000);
    expect((await login(email, WRONG, 15)).status).toBe(401);

    const events = await lockouts(id);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toEqual({ userId: id, email, until: expect.any(String) });
    expect(new Date(events[0].payload.until).getTime()).toBeGreaterThan(Date.now() - 1_000);

    const before = (await host.published()).length;
    const unknown = freshEmail();
    for (let i = 0; i < 7; i++) await login(unknown, WRONG, 15);
    expect((await host.published()).length).toBe(before);
  });
});

describe('sign-in throttle per address', () => {
  it('refuses an address after 20 failures across many accounts, even the right password of an untouched one', async () => {
    const { email } = await registered(16);
    for (let i = 0; i < 20; i++) expect((await login(freshEmail(), WRONG, 16)).status).toBe(401);

    const refused = await login(email, PASSWORD, 16);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Another address is not affected.
    expect((await login(email, PASSWORD, 17)).status).toBe(200);
  });
});

describe('registration throttle per address', () => {
  it('lets an address register its budget of accounts an hour, then answers 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) await registered(18);
    const refused = await post('/api/auth/register', { email: freshEmail(), password: PASSWORD, name: 'Ada' }, 18);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_attempts');
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3_600);
    await registered(19);
  });
});
