import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** What a test reads back from a call: the status, the headers and the body (parsed when it is JSON). */
export interface Res<T = any> {
  status: number;
  headers: Record<string, any>;
  body: T;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Call = <T = any>(method: string, url: string, opts?: CallOptions) => Promise<Res<T>>;

/** A signed-in user as a test holds one: who they are and the bearer token that says so. */
export interface SignedIn {
  id: string;
  email: string;
  token: string;
}

/** A customer who signed up through identity, with the password they log in with. */
export interface Customer extends SignedIn {
  password: string;
}

/** Logs in through identity's API and returns the access token. */
export async function login(call: Call, email: string, password: string): Promise<string> {
  const res = await call('POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** Signs a new customer up through identity's API and logs them in: a signed-in customer with a real token. */
export async function registerCustomer(call: Call): Promise<Customer> {
  const email = `c-${randomUUID()}@test.local`;
  const password = 'customer-pass-1';
  const res = await call('POST', '/api/auth/register', { body: { email, password, name: 'Test Customer' } });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email, password, token: await login(call, email, password) };
}

/** The admin identity seeds at start, in the whole shop and in identity hosted alone. */
export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };
export const ADMIN_ENV = { MERCATO_ADMIN_EMAIL: ADMIN.email, MERCATO_ADMIN_PASSWORD: ADMIN.password };

/** Calls a Fastify app in-process, without a socket, and parses JSON. */
export function caller(app: () => FastifyInstance<any, any, any, any, any>): Call {
  return async (method, url, opts = {}) => {
    const res = await app().inject({
      method: method as any,
      url,
      payload: opts.body as any,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    });
    let body: any = res.body;
    if (res.headers['content-type']?.toString().includes('json') && res.body) body = JSON.parse(res.body);
    return { status: res.statusCode, headers: res.headers, body };
  };
}

/** Polls until fn returns a truthy value (which is returned), or fails after the timeout. */
export async function waitFor<T>(fn: () => Promise<T | false | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('waitFor: timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
