import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import { fakeCatalog } from '../../../test/support/fakes.ts';
import type { SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { wishlistsService } from '../src/index.ts';

/** Wishlists alone, with a catalog the test stocks: the products, their names and prices. */
const catalog = fakeCatalog();
let host: Host;
let alice: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  host = await hostService(wishlistsService, { clients: { catalog: catalog.client } });
  [alice, bob] = [host.signedIn(), host.signedIn()];
});
afterAll(() => host?.close());

let skus = 0;
const product = (priceCents = 1500): string => catalog.add({ name: `Wished ${++skus}`, priceCents }).id;

/** No bearer token (a default argument would take the place of undefined). */
const ANON = '';
const save = (productId: string, token = alice.token) => host.call('PUT', `/api/wishlist/items/${productId}`, { token });
const remove = (productId: string, token = alice.token) => host.call('DELETE', `/api/wishlist/items/${productId}`, { token });
const wishlistOf = async (token = alice.token) => (await host.call('GET', '/api/wishlist', { token })).body.items;

describe('wishlists', () => {
  it('saves products once each and shows them newest first, with names and prices as they are now', async () => {
    const [mug, teapot] = [product(1500), product(4200)];
    const first = await save(mug);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ productId: mug, name: expect.stringMatching(/^Wished /), priceCents: 1500, currency: 'EUR' });
    const again = await save(mug);
    expect(again.status).toBe(200);
    expect(again.body.addedAt).toBe(first.body.addedAt);
    expect((await save(teapot)).status).toBe(201);

    expect((await wishlistOf()).map((i: Json) => [i.productId, i.priceCents])).toEqual([
      [teapot, 4200],
      [mug, 1500],
    ]);
    // The price is the catalog's, read on every view.
    catalog.update(mug, { priceCents: 999, name: 'Blue mug' });
    expect((await wishlistOf()).find((i: Json) => i.productId === mug)).toMatchObject({ name: 'Blue mug', priceCents: 999 });

    expect((await remove(teapot)).status).toBe(204);
    expect((await remove(teapot)).status).toBe(204);
    expect((await wishlistOf()).map((i: Json) => i.productId)).toEqual([mug]);
  });

  it("keeps each customer's wishlist their own", async () => {
    const lamp = product();
    await save(lamp);
    expect(await wishlistOf(bob.token)).toEqual([]);
    expect((await remove(lamp, bob.token)).status).toBe(204);
    expect((await wishlistOf()).map((i: Json) => i.productId)).toContain(lamp);
    expect((await save(lamp, bob.token)).status).toBe(201);
    expect((await wishlistOf(bob.token)).map((i: Json) => i.productId)).toEqual([lamp]);

    expect((await host.call('GET', '/api/wishlist')).status).toBe(401);
    expect((await save(lamp, ANON)).status).toBe(401);
    expect((await remove(lamp, ANON)).status).toBe(401);
  });

  it('takes only products the catalog has, and names the field of a bad id', async () => {
    const unknown = await save('0190a000-0000-7000-8000-0000000000ff');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    for (const res of [await save('nope'), await remove('nope')]) {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('params.productId');
    }
  });

  it('drops a product the catalog deletes from every wishlist', async () => {
    const [kept, deleted] = [product(), product()];
    for (const token of [alice.token, bob.token]) {
      await save(kept, token);
      await save(deleted, token);
    }
    // The catalog deletes it and says so.
    catalog.remove(deleted);
    await host.receive('product.deleted', { productId: deleted });
    expect(await host.db.query('SELECT 1 FROM wishlists.items WHERE product_id = $1', [deleted])).toEqual([]);
    for (const token of [alice.token, bob.token]) {
      const ids = (await wishlistOf(token)).map((i: Json) => i.productId);
      expect(ids).toContain(kept);
      expect(ids).not.toContain(deleted);
    }
    expect((await save(deleted)).status).toBe(404);
  });

  it('holds at most 100 products, and still answers for one saved already', async () => {
    const carol = host.signedIn();
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push(product());
    for (const id of ids) expect((await save(id, carol.token)).status).toBe(201);
    const full = await save(product(), carol.token);
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('wishlist_full');
    expect((await save(ids[0], carol.token)).status).toBe(200);
    const items = await wishlistOf(carol.token);
    expect(items).toHaveLength(100);
    expect(items.every((i: Json) => i.name.startsWith('Wished '))).toBe(true);
    // Room again once one is removed.
    await remove(ids[0], carol.token);
    expect((await save(product(), carol.token)).status).toBe(201);
  });
});
