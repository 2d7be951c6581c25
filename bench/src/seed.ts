import { jwtClaims, mapLimit, type Api } from './client.ts';
import type { Mix, PlannedProduct } from './mix.ts';

export interface SeededProduct extends PlannedProduct {
  id: string;
}

export interface Customer {
  email: string;
  userId: string;
  token: string;
}

export interface Seeded {
  runId: string;
  adminToken: string;
  products: SeededProduct[];
  customers: Customer[];
}

export interface SeedOptions {
  runId: string;
  customers: number;
  admin: { email: string; password: string };
  log: (line: string) => void;
}

export const CUSTOMER_PASSWORD = 'bench-customer-pass-1';

export async function login(api: Api, email: string, password: string): Promise<string> {
  const res = await api.expect<{ accessToken: string }>(200, 'POST', '/api/auth/login', { body: { email, password } });
  return res.accessToken;
}

/**
 * Creates the mix's products and stock as admin and registers the customers, logging each in
 * once: password hashing happens here, never on the measured path.
 */
export async function seed(api: Api, mix: Mix, opts: SeedOptions): Promise<Seeded> {
  const adminToken = await login(api, opts.admin.email, opts.admin.password);
  opts.log(`seeding ${mix.products.length} products and ${opts.customers} customers`);
  const products = await mapLimit(mix.products, 8, async (p) => {
    const created = await api.expect<{ id: string }>(201, 'POST', '/api/products', {
      token: adminToken,
      body: {
        sku: `BENCH-${opts.runId}-${p.index}`,
        name: `${p.hot ? 'Hot' : 'Bench'} product ${p.index}`,
        priceCents: p.priceCents,
        currency: 'EUR',
        category: 'bench',
      },
    });
    await api.expect(200, 'PUT', `/api/inventory/${created.id}`, { token: adminToken, body: { onHand: p.initialStock } });
    return { ...p, id: created.id };
  });
  const customers = await mapLimit(
    Array.from({ length: opts.customers }, (_, i) => i),
    4,
    async (i) => {
      const email = `bench-${opts.runId}-${i}@bench.mercato.local`;
      await api.expect(201, 'POST', '/api/auth/register', { body: { email, password: CUSTOMER_PASSWORD, name: `Bench customer ${i}` } });
      const token = await login(api, email, CUSTOMER_PASSWORD);
      return { email, userId: String(jwtClaims(token).sub), token };
    },
  );
  return { runId: opts.runId, adminToken, products, customers };
}
