import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import type { SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { catalogService } from '../src/index.ts';

let host: Host;
let customer: SignedIn;
const product = (over: Record<string, unknown> = {}) => ({
  sku: `CAT-${Math.random().toString(36).slice(2, 8)}`,
  name: 'Walnut Chopping Board',
  description: 'End-grain walnut, oiled.',
  priceCents: 4500,
  currency: 'EUR',
  category: 'kitchen',
  ...over,
});

beforeAll(async () => {
  host = await hostService(catalogService);
  customer = host.signedIn();
});
afterAll(() => host?.close());

describe('catalog', () => {
  it('lets an admin create a product, and refuses a duplicate sku (any case) with 409', async () => {
    const body = product({ sku: 'BOARD-1' });
    const created = await host.call('POST', '/api/products', { token: host.adminToken, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku: 'BOARD-1', priceCents: 4500, currency: 'EUR', attributes: {} });
    const dup = await host.call('POST', '/api/products', { token: host.adminToken, body: { ...body, sku: 'board-1' } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('duplicate_sku');
  });

  it('refuses customers and anonymous callers on admin routes', async () => {
    expect((await host.call('POST', '/api/products', { token: customer.token, body: product() })).status).toBe(403);
    expect((await host.call('POST', '/api/products', { body: product() })).status).toBe(401);
    const id = (await host.call('POST', '/api/products', { token: host.adminToken, body: product() })).body.id;
    expect((await host.call('PATCH', `/api/products/${id}`, { token: customer.token, body: { priceCents: 1 } })).status).toBe(403);
    expect((await host.call('DELETE', `/api/products/${id}`, { token: customer.token })).status).toBe(403);
    expect((await host.call('GET', `/api/products/${id}`)).body.priceCents).toBe(4500);
  });

  it('validates every field and names it', async () => {
    const res = await host.call('POST', '/api/products', {
      token: host.adminToken,
      body: product({ sku: 'has space', priceCents: -1, currency: 'euro', name: '' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: Json) => e.field).sort()).toEqual(['body.currency', 'body.name', 'body.priceCents', 'body.sku']);
    expect((await host.call('POST', '/api/products', { token: host.adminToken, body: product({ priceCents: 10.5 }) })).status).toBe(400);
  });

  it('serves ETags and answers If-None-Match with 304 until the product changes', async () => {
    const id = (await host.call('POST', '/api/products', { token: host.adminToken, body: product() })).body.id;
    const first = await host.call('GET', `/api/products/${id}`);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await host.call('GET', `/api/products/${id}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const patched = await host.call('PATCH', `/api/products/${id}`, { token: host.adminToken, body: { priceCents: 3999 } });
    expect(patched.body.priceCents).toBe(3999);
    const after = await host.call('GET', `/api/products/${id}`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('deletes a product: it disappears from reads and search, and its sku can be reused', async () => {
    const body = product();
    const id = (await host.call('POST', '/api/products', { token: host.adminToken, body })).body.id;
    expect((await host.call('DELETE', `/api/products/${id}`, { token: host.adminToken })).status).toBe(204);
    expect((await host.call('GET', `/api/products/${id}`)).status).toBe(404);
    expect((await host.call('DELETE', `/api/products/${id}`, { token: host.adminToken })).status).toBe(404);
    expect((await host.call('POST', '/api/products', { token: host.adminToken, body })).status).toBe(201);
  });

  it('searches by words, filters by category, sorts and paginates', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    for (const [name, price] of [
      [`Zebra lamp ${tag}`, 300],
      [`Amber lamp ${tag}`, 100],
      [`Coral lamp ${tag}`, 200],
    ] as const)
      await host.call('POST', '/api/products', {
        token: host.adminToken,
        body: product({ name, priceCents: price, category: `lights-${tag}` }),
      });
    const byName = await host.call('GET', `/api/products?q=${tag}&sort=name&pageSize=2`);
    expect(byName.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(byName.body.items.map((p: Json) => p.name)).toEqual([`Amber lamp ${tag}`, `Coral lamp ${tag}`]);
    const page2 = await host.call('GET', `/api/products?q=${tag}&sort=name&pageSize=2&page=2`);
    expect(page2.body.items.map((p: Json) => p.name)).toEqual([`Zebra lamp ${tag}`]);
    const byPrice = await host.call('GET', `/api/products?category=lights-${tag}&sort=-price`);
    expect(byPrice.body.items.map((p: Json) => p.priceCents)).toEqual([300, 200, 100]);
    expect((await host.call('GET', '/api/products?q=nothing-matches-this-xyz')).body).toMatchObject({ items: [], total: 0 });
  });

  it('answers 400 for bad query parameters and ids', async () => {
    expect((await host.call('GET', '/api/products?pageSize=0')).status).toBe(400);
    expect((await host.call('GET', '/api/products?sort=random')).status).toBe(400);
    expect((await host.call('GET', '/api/products/123')).status).toBe(400);
    expect((await host.call('GET', '/api/products/0190a000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
