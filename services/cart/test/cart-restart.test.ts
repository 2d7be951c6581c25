import { startEmbeddedShop, type EmbeddedShop } from '@mercato/host';
import { loadConfig } from '@mercato/kernel';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'mercato-cart-'));
const config = loadConfig({ LOG_LEVEL: 'silent', MERCATO_SEED: 'false', MERCATO_DATA_DIR: dataDir });
let shop: EmbeddedShop | undefined;

afterAll(async () => {
  await shop?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: object, headers: Record<string, string> = {}) => {
  const res = await shop!.app.inject({ method, url, payload: body, headers });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
};

it('keeps carts across a restart of the embedded shop', async () => {
  shop = await startEmbeddedShop({ config, listen: false });
  const login = await call('POST', '/api/auth/login', { email: config.MERCATO_ADMIN_EMAIL, password: config.MERCATO_ADMIN_PASSWORD });
  const admin = { authorization: `Bearer ${login.body.accessToken}` };
  const product = await call(
    'POST',
    '/api/products',
    { sku: 'RESTART-1', name: 'Kept', priceCents: 990, currency: 'EUR', category: 'test' },
    admin,
  );
  const visitor = { 'x-cart-id': randomUUID() };
  expect((await call('POST', '/api/cart/items', { productId: product.body.id, quantity: 3 }, visitor)).status).toBe(200);
  await shop.stop();

  shop = await startEmbeddedShop({ config, listen: false });
  const after = await call('GET', '/api/cart', undefined, visitor);
  expect(after.body).toMatchObject({ itemCount: 3, totalCents: 2970, items: [{ productId: product.body.id, quantity: 3 }] });
}, 60_000);
