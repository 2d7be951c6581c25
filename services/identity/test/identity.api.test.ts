import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_ENV, login as logIn, registerCustomer } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { identityService } from '../src/index.ts';

/** Identity alone, issuing real tokens and verifying them against its own key set, with its admin seeded. */
let host: Host & { adminToken: string; registerCustomer: () => ReturnType<typeof registerCustomer> };
let seq = 0;

beforeAll(async () => {
  const alone = await hostService(identityService, { env: ADMIN_ENV, tokens: 'own-jwks' });
  host = {
    ...alone,
    adminToken: await logIn(alone.call, ADMIN.email, ADMIN.password),
    registerCustomer: () => registerCustomer(alone.call),
  };
});

afterAll(() => host?.close());

const freshEmail = () => `user-${Date.now()}-${++seq}@test.local`;
const PASSWORD = 'sturdy-pass-42';

async function registered() {
  const email = freshEmail();
  const res = await host.call('POST', '/api/auth/register', { body: { email, password: PASSWORD, name: 'Ada' } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
}

async function login(email: string, password = PASSWORD) {
  return host.call('POST', '/api/auth/login', { body: { email, password } });
}

describe('register', () => {
  it('creates a customer', async () => {
    const email = freshEmail();
    const res = await host.call('POST', '/api/auth/register', {
      body: { email: email.toUpperCase(), password: PASSWORD, name: '  Ada  ' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email, name: 'Ada', roles: ['customer'] });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).not.toHaveProperty('passwordHash');
  });

  it('refuses a taken email in any letter case with 409 email_taken', async () => {
    const { email } = await registered();
    for (const again of [email, email.toUpperCase()]) {
      const res = await host.call('POST', '/api/auth/register', { body: { email: again, password: PASSWORD, name: 'Eve' } });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('email_taken');
    }
  });

  it.each(['short1', 'onlyletterslong', '123456789012'])('refuses the weak password %s naming body.password', async (password) => {
    const res = await host.call('POST', '/api/auth/register', { body: { email: freshEmail(), password, name: 'Ada' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.password');
  });

  it('refuses a malformed email naming body.email', async () => {
    const res = await host.call('POST', '/api/auth/register', { body: { email: 'not-an-email', password: PASSWORD, name: 'Ada' } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.email');
  });
});

describe('login', () => {
  it('returns a token pair, the access token working on /api/users/me', async () => {
    const { id, email } = await registered();
    const res = await login(email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(typeof res.body.refreshToken).toBe('string');
    const me = await host.call('GET', '/api/users/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id, email, name: 'Ada', roles: ['customer'] });
    expect(typeof me.body.createdAt).toBe('string');
  });

  it('answers a wrong password and an unknown email alike, 401 invalid_credentials', async () => {
    const { email } = await registered();
    const wrong = await login(email, 'wrong-pass-42');
    const unknown = await login(freshEmail());
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_credentials');
    }
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });
});

describe('refresh tokens', () => {
  const refresh = (refreshToken: string) => host.call('POST', '/api/auth/refresh', { body: { refreshToken } });

  it('rotate: each refresh gives a new pair and the new access token works', async () => {
    const { email } = await registered();
    const first = (await login(email)).body;
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    expect((await host.call('GET', '/api/users/me', { token: third.body.accessToken })).status).toBe(200);
  });

  it('on reuse answer 401 refresh_token_reused and revoke the whole family', async () => {
    const { email } = await registered();
    const first = (await login(email)).body;
    const newest = (await refresh(first.refreshToken)).body;

    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('refresh_token_reused');

    const afterReuse = await refresh(newest.refreshToken);
    expect(afterReuse.status).toBe(401);
    expect(afterReuse.body.code).toBe('invalid_refresh_token');
  });

  it('leave other sessions of the same user alone when one family is revoked', async () => {
    const { email } = await registered();
    const stolen = (await login(email)).body;
    const other = (await login(email)).body;
    await refresh(stolen.refreshToken);
    await refresh(stolen.refreshToken);
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('refuse an unknown token with 401 invalid_refresh_token', async () => {
    const res = await refresh('never-issued');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_refresh_token');
  });

  it('stop working after logout, which answers 204', async () => {
    const { email } = await registered();
    const pair = (await login(email)).body;
    const rotated = (await refresh(pair.refreshToken)).body;
    const out = await host.call('POST', '/api/auth/logout', { body: { refreshToken: rotated.refreshToken } });
    expect(out.status).toBe(204);
    const res = await refresh(rotated.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_refresh_token');
  });
});

describe('/api/users/me', () => {
  it('needs a bearer token', async () => {
    const res = await host.call('GET', '/api/users/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });

  it('refuses a garbage token', async () => {
    const res = await host.call('GET', '/api/users/me', { token: 'not.a.jwt' });
    expect(res.status).toBe(401);
  });
});

describe('admin routes', () => {
  it('are forbidden to a customer', async () => {
    const customer = await host.registerCustomer();
    const list = await host.call('GET', '/api/users', { token: customer.token });
    expect(list.status).toBe(403);
    const roles = await host.call('PUT', `/api/users/${customer.id}/roles`, { token: customer.token, body: { roles: ['admin'] } });
    expect(roles.status).toBe(403);
  });

  it('list users page by page', async () => {
    await registered();
    const res = await host.call('GET', '/api/users?page=1&pageSize=1', { token: host.adminToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 1 });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    expect(res.body.items[0]).toMatchObject({ email: ADMIN.email, roles: ['admin', 'customer'] });
  });

  it('set roles, which the next refresh puts in the access token', async () => {
    const { id, email } = await registered();
    const pair = (await login(email)).body;
    const res = await host.call('PUT', `/api/users/${id}/roles`, { token: host.adminToken, body: { roles: ['customer', 'ops'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, roles: ['customer', 'ops'] });
    const refreshed = await host.call('POST', '/api/auth/refresh', { body: { refreshToken: pair.refreshToken } });
    const claims = JSON.parse(Buffer.from(refreshed.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.roles).toEqual(['customer', 'ops']);
  });

  it('answer 404 for an unknown user and 400 for an unknown role', async () => {
    const missing = await host.call('PUT', '/api/users/0190d5e4-0000-7000-8000-000000000000/roles', {
      token: host.adminToken,
      body: { roles: ['customer'] },
    });
    expect(missing.status).toBe(404);
    const { id } = await registered();
    const bad = await host.call('PUT', `/api/users/${id}/roles`, { token: host.adminToken, body: { roles: ['root'] } });
    expect(bad.status).toBe(400);
  });
});

describe('JWKS', () => {
  it('publishes the public EC key that signs access tokens', async () => {
    const res = await host.call('GET', '/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.body.keys).toHaveLength(1);
    const [key] = res.body.keys;
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    const header = JSON.parse(Buffer.from(host.adminToken.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'ES256', kid: key.kid });
  });
});
