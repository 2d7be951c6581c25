import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import type { SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { reviewsService } from '../src/index.ts';

/** Reviews alone: customers and deliveries reach it as the events identity and orders publish. */
let host: Host;
let alice: SignedIn;
let bob: SignedIn;
let carol: SignedIn;
/** p1 was delivered to alice and bob, p2 to alice only; carol received nothing. */
let p1: string;
let p2: string;

/** An order of one of each product delivered to the customer, as orders announces it. */
const deliver = (customer: SignedIn, products: string[]) =>
  host.receive('order.delivered', {
    orderId: newId(),
    customerId: customer.id,
    items: products.map((productId) => ({ productId, quantity: 1 })),
  });

beforeAll(async () => {
  host = await hostService(reviewsService);
  [alice, bob, carol] = [await host.signedUp(), await host.signedUp(), await host.signedUp()];
  [p1, p2] = [newId(), newId()];
  await deliver(alice, [p1, p2]);
  await deliver(bob, [p1]);
});
afterAll(() => host?.close());

/** No bearer token (a default argument would take the place of undefined). */
const ANON = '';
const write = (productId: string, body: unknown, token = alice.token) =>
  host.call('POST', `/api/products/${productId}/reviews`, { token, body });
const mine = (method: string, productId: string, token = alice.token, body?: unknown) =>
  host.call(method, `/api/products/${productId}/reviews/mine`, { token, body });
const reviewsOf = async (productId: string, query = '') => (await host.call('GET', `/api/products/${productId}/reviews${query}`)).body;
const summaryOf = async (productId: string) => (await reviewsOf(productId)).summary;
const moderate = (id: string, action: 'hide' | 'show', token = host.adminToken) =>
  host.call('POST', `/api/admin/reviews/${id}/${action}`, { token });
const histogram = (counts: Partial<Record<1 | 2 | 3 | 4 | 5, number>>) => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, ...counts });

describe('reviews', () => {
  let aliceOnP1: Json;
  let bobOnP1: Json;

  it('takes the review of a customer who received the product, and shows it to everyone with its summary', async () => {
    const created = await write(p1, { rating: 5, title: '  Lovely mug ', body: 'Keeps the tea hot.' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/products/${p1}/reviews/mine`);
    aliceOnP1 = created.body;
    expect(aliceOnP1).toMatchObject({
      productId: p1,
      authorName: 'Test C.',
      rating: 5,
      title: 'Lovely mug',
      body: 'Keeps the tea hot.',
      status: 'visible',
    });
    expect(aliceOnP1.customerId).toBeUndefined();
    bobOnP1 = (await write(p1, { rating: 2, title: 'Chipped', body: 'Arrived chipped.' }, bob.token)).body;

    const page = await reviewsOf(p1);
    expect(page).toMatchObject({
      page: 1,
      pageSize: 20,
      total: 2,
      summary: { average: 3.5, count: 2, histogram: histogram({ 2: 1, 5: 1 }) },
    });
    expect(page.items.map((r: Json) => r.id)).toEqual([bobOnP1.id, aliceOnP1.id]);
    expect(page.items.every((r: Json) => r.customerId === undefined)).toBe(true);
    expect((await reviewsOf(p1, '?sort=rating')).items.map((r: Json) => r.rating)).toEqual([2, 5]);
    expect((await reviewsOf(p1, '?sort=-rating')).items.map((r: Json) => r.rating)).toEqual([5, 2]);
    const second = await reviewsOf(p1, '?sort=-rating&page=2&pageSize=1');
    expect([second.total, second.items.map((r: Json) => r.rating)]).toEqual([2, [2]]);

    // The catalog page's summaries, in one call: a product without reviews has none to average.
    const unknown = '0190a000-0000-7000-8000-0000000000ff';
    const ratings = await host.call('GET', `/api/products/ratings?ids=${p1},${p2},${unknown},${p1}`);
    expect(ratings.status).toBe(200);
    expect(ratings.body.items).toEqual([
      { productId: p1, average: 3.5, count: 2, histogram: histogram({ 2: 1, 5: 1 }) },
      { productId: p2, average: null, count: 0, histogram: histogram({}) },
      { productId: unknown, average: null, count: 0, histogram: histogram({}) },
    ]);
  });

  it('keeps one review per customer and product, which its author changes and deletes, the summary following', async () => {
    expect((await write(p2, { rating: 4, title: 'Fine', body: 'Fine.' })).status).toBe(201);
    const again = await write(p2, { rating: 1, title: 'Again', body: 'Again.' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('review_exists');
    expect(await summaryOf(p2)).toEqual({ average: 4, count: 1, histogram: histogram({ 4: 1 }) });

    const changed = await mine('PUT', p2, alice.token, { rating: 2, title: 'Worse', body: 'It broke.' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ rating: 2, title: 'Worse', body: 'It broke.', status: 'visible' });
    expect(Date.parse(changed.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(changed.body.createdAt));
    expect((await mine('GET', p2)).body).toEqual(changed.body);
    expect(await summaryOf(p2)).toEqual({ average: 2, count: 1, histogram: histogram({ 2: 1 }) });

    expect((await mine('DELETE', p2)).status).toBe(204);
    expect(await summaryOf(p2)).toEqual({ average: null, count: 0, histogram: histogram({}) });
    expect((await reviewsOf(p2)).items).toEqual([]);
    // Gone: nothing to read (no content, not an error a page would log), nothing to change or delete.
    expect((await mine('GET', p2)).status).toBe(204);
    for (const method of ['PUT', 'DELETE']) {
      const gone = await mine(method, p2, alice.token, method === 'PUT' ? { rating: 3, title: 'x', body: 'x' } : undefined);
      expect(gone.status, method).toBe(404);
    }
    // Deleted, it may be written anew.
    expect((await write(p2, { rating: 3, title: 'Second try', body: 'Better.' })).status).toBe(201);
    expect((await summaryOf(p2)).count).toBe(1);
  });

  it('lets only a customer who received a product review it, and each customer touch only their own', async () => {
    const body = { rating: 5, title: 'Great', body: 'Great.' };
    for (const [productId, token] of [
      [p1, carol.token],
      [p2, bob.token],
    ] as const) {
      const refused = await write(productId, body, token);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('review_needs_purchase');
    }
    // Bob's "mine" is his own review, never alice's; he has none of p2 to change or delete.
    expect((await mine('GET', p1, bob.token)).body.id).toBe(bobOnP1.id);
    expect((await mine('PUT', p2, bob.token, body)).status).toBe(404);
    expect((await mine('DELETE', p2, bob.token)).status).toBe(404);
    expect((await mine('GET', p2)).body.rating).toBe(3);

    expect((await write(p1, body, ANON)).status).toBe(401);
    for (const method of ['GET', 'PUT', 'DELETE'])
      expect((await mine(method, p1, ANON, method === 'PUT' ? body : undefined)).status, method).toBe(401);
    expect((await reviewsOf(p1)).total).toBe(2);
  });

  it('lets admins hide a review, which leaves the page and the summary, and show it again', async () => {
    expect((await moderate(aliceOnP1.id, 'hide', alice.token)).status).toBe(403);
    expect((await moderate(aliceOnP1.id, 'hide', ANON)).status).toBe(401);
    expect((await host.call('GET', '/api/admin/reviews', { token: alice.token })).status).toBe(403);
    expect((await host.call('GET', '/api/admin/reviews')).status).toBe(401);

    const hidden = await moderate(aliceOnP1.id, 'hide');
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ id: aliceOnP1.id, status: 'hidden', customerId: alice.id, moderatedBy: expect.any(String) });
    expect(hidden.body.moderatedAt).not.toBeNull();
    expect((await reviewsOf(p1)).items.map((r: Json) => r.id)).toEqual([bobOnP1.id]);
    expect(await summaryOf(p1)).toEqual({ average: 2, count: 1, histogram: histogram({ 2: 1 }) });
    // Hiding it again changes nothing.
    expect((await moderate(aliceOnP1.id, 'hide')).body).toEqual(hidden.body);
    expect((await summaryOf(p1)).count).toBe(1);

    const listed = await host.call('GET', `/api/admin/reviews?status=hidden&productId=${p1}`, { token: host.adminToken });
    expect(listed.body.items.map((r: Json) => [r.id, r.customerId])).toEqual([[aliceOnP1.id, alice.id]]);
    const all = await host.call('GET', `/api/admin/reviews?productId=${p1}`, { token: host.adminToken });
    expect(all.body.total).toBe(2);

    // Its author still sees it, hidden; a change keeps it hidden and out of the summary; it cannot be deleted and written anew.
    expect((await mine('GET', p1)).body.status).toBe('hidden');
    const undo = await mine('DELETE', p1);
    expect(undo.status).toBe(409);
    expect(undo.body.code).toBe('review_hidden');
    expect((await mine('PUT', p1, alice.token, { rating: 1, title: 'Changed', body: 'My mind.' })).body.status).toBe('hidden');
    expect((await summaryOf(p1)).count).toBe(1);

    const shown = await moderate(aliceOnP1.id, 'show');
    expect(shown.body.status).toBe('visible');
    expect(await summaryOf(p1)).toEqual({ average: 1.5, count: 2, histogram: histogram({ 1: 1, 2: 1 }) });
    expect((await host.call('GET', `/api/products/ratings?ids=${p1}`)).body.items[0]).toMatchObject({ average: 1.5, count: 2 });

    expect((await moderate('0190a000-0000-7000-8000-0000000000ff', 'hide')).status).toBe(404);
    const bad = await moderate('nope', 'show');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.id');

    // The kept tallies are the sums of the visible reviews.
    const [kept] = await host.db.query<Json>('SELECT rating_count, rating_sum FROM reviews.ratings WHERE product_id = $1', [p1]);
    const [counted] = await host.db.query<Json>(
      "SELECT count(*)::int AS n, sum(rating)::int AS s FROM reviews.reviews WHERE product_id = $1 AND status = 'visible'",
      [p1],
    );
    expect([kept.rating_count, kept.rating_sum]).toEqual([counted.n, counted.s]);
  });

  it('names the field of a bad request', async () => {
    const ok = { rating: 4, title: 'Title', body: 'Body' };
    for (const [body, field] of [
      [{ ...ok, rating: 0 }, 'body.rating'],
      [{ ...ok, rating: 6 }, 'body.rating'],
      [{ ...ok, rating: 4.5 }, 'body.rating'],
      [{ ...ok, rating: '4' }, 'body.rating'],
      [{ title: 'Title', body: 'Body' }, 'body.rating'],
      [{ ...ok, title: '   ' }, 'body.title'],
      [{ ...ok, title: 'x'.repeat(121) }, 'body.title'],
      [{ ...ok, body: '' }, 'body.body'],
      [{ ...ok, body: 'x'.repeat(5001) }, 'body.body'],
    ] as const) {
      for (const res of [await write(p1, body, carol.token), await mine('PUT', p1, alice.token, body)]) {
        expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
        expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
      }
    }
    expect((await write('nope', ok)).body.errors[0].field).toBe('params.id');
    // The longest title and body are taken.
    expect((await mine('PUT', p1, alice.token, { ...ok, title: 'x'.repeat(120), body: 'y'.repeat(5000) })).status).toBe(200);

    const tooManyIds = Array.from({ length: 101 }, (_, i) => `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`).join(',');
    for (const [url, field] of [
      [`/api/products/${p1}/reviews?sort=best`, 'querystring.sort'],
      [`/api/products/${p1}/reviews?pageSize=101`, 'querystring.pageSize'],
      [`/api/products/${p1}/reviews?page=0`, 'querystring.page'],
      ['/api/products/nope/reviews', 'params.id'],
      ['/api/products/ratings', 'querystring.ids'],
      ['/api/products/ratings?ids=', 'querystring.ids'],
      ['/api/products/ratings?ids=nope', 'querystring.ids'],
      [`/api/products/ratings?ids=${tooManyIds}`, 'querystring.ids'],
    ] as const) {
      const res = await host.call('GET', url);
      expect(res.status, url.slice(0, 80)).toBe(400);
      expect(
        res.body.errors.some((e: Json) => e.field.startsWith(field)),
        JSON.stringify(res.body.errors),
      ).toBe(true);
    }
    const badStatus = await host.call('GET', '/api/admin/reviews?status=gone', { token: host.adminToken });
    expect(badStatus.body.errors[0].field).toBe('querystring.status');
  });
});
