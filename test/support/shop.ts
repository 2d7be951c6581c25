import { startEmbeddedShop, type EmbeddedShop } from '@mercato/host';
import { loadConfig } from '@mercato/kernel';
import { ADMIN, ADMIN_ENV, caller, login, registerCustomer, waitFor, type Call, type Customer } from './http.ts';

export { ADMIN, type Customer, type Res } from './http.ts';

export interface TestShop extends EmbeddedShop {
  adminToken: string;
  /** Calls the gateway in-process and parses JSON. */
  call: Call;
  registerCustomer(): Promise<Customer>;
  /** Polls until fn returns a truthy value (which is returned), or fails after the timeout. */
  waitFor<T>(fn: () => Promise<T | false | null | undefined>, timeoutMs?: number): Promise<T>;
}

/**
 * Every service in-process on an in-memory PGlite, without a socket: what the whole-shop tests drive
 * (test/shop, the crash, redelivery and timeout tests). A service's own API tests host it alone instead
 * (service-host.ts).
 */
export async function startShop(env: Record<string, string> = {}): Promise<TestShop> {
  // Every customer of a test signs up from the same address: no registration throttle unless a test asks for one.
  const config = loadConfig({ LOG_LEVEL: 'silent', MERCATO_SEED: 'false', REGISTRATIONS_PER_ADDRESS_PER_HOUR: '0', ...ADMIN_ENV, ...env });
  const shop = await startEmbeddedShop({ config, persistent: false, listen: false });
  const call = caller(() => shop.app);
  return {
    ...shop,
    adminToken: await login(call, ADMIN.email, ADMIN.password),
    call,
    registerCustomer: () => registerCustomer(call),
    waitFor,
  };
}
