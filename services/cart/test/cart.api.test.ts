import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import { fakeCatalog, fakeInventory } from '../../../test/support/fakes.ts';
import type { SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { cartService } from '../src/index.ts';

/** The cart alone, pricing from a catalog and stocking from an inventory that the test keeps; carts in the cache table. */
const catalog = fakeCatalog();
const inventory = fakeInventory();
let host: Host;
let alice: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  host = await hostService(cartService, { clients: { catalog: catalog.client, inventory: inventory.client }, cache: 'sql' });
  [alice, bob] = [host.signedIn(), host.signedIn()];
});
afterAll(() => host?.close());

/** A product the catalog has at the price, with stock in inventory. */
function stocked(onHand: number, priceCents = 1000): string {
  const { id } = catalog.add({ priceCents });
  inventory.set(id, onHand);
  return id;
}

const UNKNOWN = '0190a000-0000-7000-8000-0000000000ff';

type Who = { token: string } | { cartId: string };
const auth = (who: Who) => ('token' in who ? { token: who.token } : { headers: { 'x-cart-id': who.cartId } });
const cart = (who: Who) => host.call('GET', '/api/cart', auth(who));
const add = (who: Who, productId: string, quantity: number) =>
  host.call('POST', '/api/cart/items', { ...auth(who), body: { productId, quantity } });
const setQty = (who: Who, productId: string, quantity: number) =>
  host.call('PUT', `/api/cart/items/${productId}`, { ...auth(who), body: { quantity } });
const lines = (body: Json) => body.items.map((i: Json) => [i.productId, i.quantity]);
/** Another token for the same user, as a login on a second device gives. */
const login = (c: SignedIn) => host.tokenFor(c.id);

describe('a signed-in customer’s cart', () => {
  it('adds, changes, removes and clears, priced from the catalog and stocked from inventory', async () => {
    const customer = host.signedIn();
    const mug = stocked(5, 1250);
    const pen = stocked(2, 399);

    const empty = await cart(customer);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ id: customer.id, items: [], itemCount: 0, totalCents: 0, currency: null });

    const added = await add(customer, mug, 2);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: customer.id, itemCount: 2, totalCents: 2500, currency: 'EUR' });
    expect(added.body.items[0]).toMatchObject({
      productId: mug,
      unitPriceCents: 1250,
      currency: 'EUR',
      quantity: 2,
      lineTotalCents: 2500,
      available: 5,
    });
    expect(added.body.items[0].sku).toMatch(/^SKU-/);

    await add(customer, pen, 1);
    const more = await add(customer, mug, 1);
    expect(lines(more.body)).toEqual([
      [mug, 3],
      [pen, 1],
    ]);
    expect(more.body).toMatchObject({ itemCount: 4, totalCents: 3 * 1250 + 399 });

    const changed = await setQty(customer, pen, 5);
    expect(changed.status).toBe(200);
    expect(lines(changed.body)).toEqual([
      [mug, 3],
      [pen, 5],
    ]);
    expect((await setQty(customer, mug, 0)).body.items.map((i: Json) => i.productId)).toEqual([pen]);

    await add(customer, mug, 1);
    const removed = await host.call('DELETE', `/api/cart/items/${pen}`, { token: customer.token });
    expect(removed.status).toBe(200);
    expect(lines(removed.body)).toEqual([[mug, 1]]);

    const cleared = await host.call('DELETE', '/api/cart', { token: customer.token });
    expect(cleared.status).toBe(204);
    expect((await cart(customer)).body.items).toEqual([]);
  });

  it('shows today’s price and stock, and drops products the catalog deleted', async () => {
    const customer = host.signedIn();
    const lamp = stocked(10, 4900);
    const gone = stocked(10, 100);
    await add(customer, lamp, 2);
    await add(customer, gone, 1);

    catalog.update(lamp, { priceCents: 3900 });
    inventory.set(lamp, 1);
    catalog.remove(gone);

    const now = await cart(customer);
    expect(now.body.items).toHaveLength(1);
    expect(now.body.items[0]).toMatchObject({ productId: lamp, unitPriceCents: 3900, lineTotalCents: 7800, available: 1 });
    expect(now.body).toMatchObject({ itemCount: 2, totalCents: 7800 });
    const stored = await host.db.query<{ value: string }>('SELECT value FROM cache.entries WHERE key = $1', [`cart:user:${customer.id}`]);
    expect(JSON.parse(stored[0].value).lines.map((l: Json) => l.productId)).toEqual([lamp]);
  });

  it('survives a second device: the same user with a new token sees the same cart', async () => {
    const p = stocked(3);
    await add(alice, p, 2);
    const secondDevice = login(alice);
    expect(secondDevice).not.toBe(alice.token);
    expect(lines((await cart({ token: secondDevice })).body)).toContainEqual([p, 2]);
  });

  it('keeps every concurrent add (a double click counts twice)', async () => {
    const customer = host.signedIn();
    const p = stocked(100);
    const results = await Promise.all(Array.from({ length: 6 }, () => add(customer, p, 1)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(lines((await cart(customer)).body)).toEqual([[p, 6]]);
  });

  it('is invisible to another customer', async () => {
    const p = stocked(3);
    await add(bob, p, 1);
    expect(lines((await cart(alice)).body)).not.toContainEqual([p, 1]);
    expect(lines((await cart({ cartId: bob.id })).body)).toEqual([]);
    expect((await host.call('DELETE', `/api/cart/items/${p}`, { token: alice.token })).status).toBe(200);
    expect(lines((await cart(bob)).body)).toContainEqual([p, 1]);
  });
});

describe('an anonymous visitor’s cart', () => {
  it('is named by X-Cart-Id and merged into the account at login', async () => {
    const visitor = { cartId: randomUUID() };
    const customer = host.signedIn();
    const a = stocked(10, 500);
    const b = stocked(10, 700);

    const anon = await add(visitor, a, 2);
    expect(anon.status).toBe(200);
    expect(anon.body).toMatchObject({ id: visitor.cartId, itemCount: 2, totalCents: 1000 });
    await add(visitor, b, 1);
    await add(customer, a, 1);

    const merged = await host.call('POST', '/api/cart/merge', { token: customer.token, body: { cartId: visitor.cartId } });
    expect(merged.status).toBe(200);
    expect(merged.body.id).toBe(customer.id);
    expect(lines(merged.body)).toEqual([
      [a, 3],
      [b, 1],
    ]);
    expect((await cart(visitor)).body.items).toEqual([]);

    const again = await host.call('POST', '/api/cart/merge', { token: customer.token, body: { cartId: visitor.cartId } });
    expect(again.status).toBe(200);
    expect(lines(again.body)).toEqual(lines(merged.body));
  });

  it('caps merged quantities at 1000', async () => {
    const visitor = { cartId: randomUUID() };
    const customer = host.signedIn();
    const p = stocked(10);
    await add(visitor, p, 600);
    await add(customer, p, 700);
    const merged = await host.call('POST', '/api/cart/merge', { token: customer.token, body: { cartId: visitor.cartId } });
    expect(lines(merged.body)).toEqual([[p, 1000]]);
  });

  it('ignores X-Cart-Id when a bearer token names the user', async () => {
    const visitor = { cartId: randomUUID() };
    const customer = host.signedIn();
    const p = stocked(10);
    await add(visitor, p, 4);
    const res = await host.call('GET', '/api/cart', { token: customer.token, headers: { 'x-cart-id': visitor.cartId } });
    expect(res.body).toMatchObject({ id: customer.id, items: [] });
  });
});

describe('bad input', () => {
  const visitor = { cartId: randomUUID() };

  it('needs a token or X-Cart-Id, and X-Cart-Id must be a UUID', async () => {
    for (const [method, url, body] of [
      ['GET', '/api/cart', undefined],
      ['POST', '/api/cart/items', { productId: UNKNOWN, quantity: 1 }],
      ['DELETE', '/api/cart', undefined],
    ] as const) {
      const res = await host.call(method, url, { body });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: Json) => e.field)).toEqual(['headers.x-cart-id']);
    }
    const bad = await host.call('GET', '/api/cart', { headers: { 'x-cart-id': 'not-a-uuid' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('headers.x-cart-id');
  });

  const cases: Array<[string, string, string, unknown, string]> = [
    ['zero quantity', 'POST', '/api/cart/items', { productId: UNKNOWN, quantity: 0 }, 'body.quantity'],
    ['too many', 'POST', '/api/cart/items', { productId: UNKNOWN, quantity: 1001 }, 'body.quantity'],
    ['fractional quantity', 'POST', '/api/cart/items', { productId: UNKNOWN, quantity: 1.5 }, 'body.quantity'],
    ['bad product id', 'POST', '/api/cart/items', { productId: 'abc', quantity: 1 }, 'body.productId'],
    ['negative set', 'PUT', `/api/cart/items/${UNKNOWN}`, { quantity: -1 }, 'body.quantity'],
    ['bad path id', 'PUT', '/api/cart/items/abc', { quantity: 1 }, 'params.productId'],
    ['bad delete id', 'DELETE', '/api/cart/items/abc', undefined, 'params.productId'],
  ];
  it.each(cases)('answers 400 naming the field for %s', async (_name, method, url, body, field) => {
    const res = await host.call(method, url, { headers: { 'x-cart-id': visitor.cartId }, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
  });

  it('answers 404 for a product the catalog does not know, and writes nothing', async () => {
    const res = await add(visitor, UNKNOWN, 1);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect((await setQty(visitor, UNKNOWN, 2)).status).toBe(404);
    expect((await cart(visitor)).body.items).toEqual([]);
  });

  it('refuses more than 1000 of one product', async () => {
    const p = stocked(10);
    await add(visitor, p, 1000);
    const res = await add(visitor, p, 1);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('quantity_limit');
  });

  it('merging needs a signed-in user and a cart id', async () => {
    expect((await host.call('POST', '/api/cart/merge', { body: { cartId: visitor.cartId } })).status).toBe(401);
    const res = await host.call('POST', '/api/cart/merge', { token: alice.token, body: { cartId: 'nope' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.cartId');
  });
});
