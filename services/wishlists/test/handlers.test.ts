import { WISHLIST_MAX_ITEMS } from '@mercato/contracts';
import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeCatalog } from '../../../test/support/fakes.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { wishlistsService } from '../src/index.ts';

/** The test's catalog, the service's only client. */
const catalog = fakeCatalog();
const known = () => catalog.add({ priceCents: 1200 }).id;

describe('wishlists, with a stand-in catalog', () => {
  let host: Host;
  beforeAll(async () => {
    host = await hostService(wishlistsService, { clients: { catalog: catalog.client } });
  });
  afterAll(() => host.close());
  beforeEach(() => {
    catalog.calls.length = 0;
    catalog.down = false;
  });

  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, userId: string) =>
    host.app.inject({ method, url, headers: { authorization: `Bearer ${host.tokenFor(userId)}` } });
  const rowsOf = (productId: string) => host.db.query('SELECT customer_id FROM wishlists.items WHERE product_id = $1', [productId]);

  it('drops a deleted product from every wishlist once, however often the event comes', async () => {
    const [alice, bob] = [newId(), newId()];
    const product = known();
    const other = known();
    for (const user of [alice, bob]) expect((await call('PUT', `/api/wishlist/items/${product}`, user)).statusCode).toBe(201);
    expect((await call('PUT', `/api/wishlist/items/${other}`, alice)).statusCode).toBe(201);

    const deleted = host.event('product.deleted', { productId: product });
    await host.deliver(deleted);
    expect(await rowsOf(product)).toEqual([]);
    expect(await rowsOf(other)).toHaveLength(1);

    // Saved again afterwards (the catalog still answers for it here): the redelivered event is not applied twice.
    expect((await call('PUT', `/api/wishlist/items/${product}`, alice)).statusCode).toBe(201);
    await host.deliver(deleted);
    expect(await rowsOf(product)).toHaveLength(1);
  });

  it('reads a full wishlist from the catalog in one call', async () => {
    const user = newId();
    const ids = Array.from({ length: WISHLIST_MAX_ITEMS }, known);
    for (const id of ids) expect((await call('PUT', `/api/wishlist/items/${id}`, user)).statusCode).toBe(201);
    const full = await call('PUT', `/api/wishlist/items/${known()}`, user);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('wishlist_full');
    expect((await call('PUT', `/api/wishlist/items/${ids[0]}`, user)).statusCode).toBe(200);

    catalog.calls.length = 0;
    const { items } = (await call('GET', '/api/wishlist', user)).json();
    expect(items).toHaveLength(WISHLIST_MAX_ITEMS);
    expect(catalog.calls).toHaveLength(1);
    expect(catalog.calls[0]).toMatchObject({ method: 'GET', path: '/api/products', query: { pageSize: String(WISHLIST_MAX_ITEMS) } });
    expect(catalog.calls[0].query!.ids.split(',').sort()).toEqual([...ids].sort());
  });

  it('does not call the catalog for an empty wishlist', async () => {
    expect((await call('GET', '/api/wishlist', newId())).json()).toEqual({ items: [] });
    expect(catalog.calls).toEqual([]);
  });

  it('saves nothing while the catalog is down', async () => {
    const user = newId();
    const product = known();
    catalog.down = true;
    const res = await call('PUT', `/api/wishlist/items/${product}`, user);
    expect(res.statusCode).toBe(503);
    expect(await rowsOf(product)).toEqual([]);
  });
});
