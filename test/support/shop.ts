import { startEmbeddedShop, type EmbeddedShop } from '@mercato/host';
import { loadConfig, newId } from '@mercato/kernel';

export interface Customer {
  id: string;
  email: string;
  password: string;
  token: string;
}

export interface Res<T = any> {
  status: number;
  headers: Record<string, any>;
  body: T;
}

export interface TestShop extends EmbeddedShop {
  adminToken: string;
  /** Calls the gateway in-process and parses JSON. */
  call<T = any>(method: string, url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Res<T>>;
  registerCustomer(): Promise<Customer>;
  /** Polls until fn returns a truthy value (which is returned), or fails after the timeout. */
  waitFor<T>(fn: () => Promise<T | false | null | undefined>, timeoutMs?: number): Promise<T>;
}

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };

/** Every service in-process on an in-memory PGlite, without a socket: what integration tests drive. */
export async function startShop(env: Record<string, string> = {}): Promise<TestShop> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    MERCATO_SEED: 'false',
    MERCATO_ADMIN_EMAIL: ADMIN.email,
    MERCATO_ADMIN_PASSWORD: ADMIN.password,
    ...env,
  });
  const shop = await startEmbeddedShop({ config, persistent: false, listen: false });

  const call: TestShop['call'] = async (method, url, opts = {}) => {
    const res = await shop.app.inject({
      method: method as any,
      url,
      payload: opts.body as any,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
    });
    let body: any = res.body;
    if (res.headers['content-type']?.toString().includes('json') && res.body) body = JSON.parse(res.body);
    return { status: res.statusCode, headers: res.headers, body };
  };

  const login = async (email: string, password: string) => {
    const res = await call('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };

  return {
    ...shop,
    adminToken: await login(ADMIN.email, ADMIN.password),
    call,
    async registerCustomer() {
      const email = `c-${newId()}@test.local`;
      const password = 'customer-pass-1';
      const res = await call('POST', '/api/auth/register', { body: { email, password, name: 'Test Customer' } });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, email, password, token: await login(email, password) };
    },
    async waitFor(fn, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = await fn();
        if (v) return v;
        if (Date.now() > deadline) throw new Error('waitFor: timed out');
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
