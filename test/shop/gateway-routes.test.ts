import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@mercato/kernel';
import { ADDRESS, stockedProduct } from '../support/checkout.ts';
import { promotion } from '../support/promotions.ts';
import { startShop, type TestShop } from '../support/shop.ts';

/** What the gateway makes of every service's routes together: one OpenAPI document, and routes side by side. */
/** Known to the test, so that it can send the right credential where no one may use it. */
const SERVICE_SECRET = `gateway-routes-secret-${'s'.repeat(32)}`;

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop({ SERVICE_SECRET });
});
afterAll(() => shop?.stop());

describe('wishlists', () => {
  it("is documented in the gateway's OpenAPI", async () => {
    const { paths } = (await shop.call('GET', '/docs/json')).body;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/wishlist', '/api/wishlist/items/{productId}']));
  });
});

describe('reviews', () => {
  it("is documented in the gateway's OpenAPI", async () => {
    const docs = await shop.call('GET', '/docs/json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/products/ratings',
        '/api/products/{id}/reviews',
        '/api/products/{id}/reviews/mine',
        '/api/admin/reviews',
        '/api/admin/reviews/{id}/hide',
      ]),
    );
  });

  it("leaves the catalog's own product route untouched by the ratings route beside it", async () => {
    const p1 = await stockedProduct(shop, 1);
    expect((await shop.call('GET', `/api/products/ratings?ids=${p1}`)).status).toBe(200);
    expect((await shop.call('GET', `/api/products/${p1}`)).body.id).toBe(p1);
  });
});

describe('routes between services', () => {
  it('are not routed by the gateway, whatever the caller sends: a customer cannot hold the uses of a limited code', async () => {
    const { code } = await promotion(shop, { maxRedemptions: 1 });
    const mallory = await shop.registerCustomer();
    const credentials: Array<Record<string, string>> = [{}, { 'x-service-credential': SERVICE_SECRET, 'x-service-name': 'orders' }];
    for (const path of ['/internal/promotions/holds', '/api/promotions/holds']) {
      for (const headers of credentials) {
        const res = await shop.call('POST', path, {
          token: mallory.token,
          headers,
          body: { code, orderId: newId(), subtotalCents: 5000, currency: 'EUR' },
        });
        expect([res.status, res.body.code, res.headers['content-type']], `${path} ${JSON.stringify(headers)}`).toEqual([
          404,
          'not_found',
          expect.stringContaining('application/problem+json'),
        ]);
      }
    }
    // The code's one use is still there for a real order: orders holds it through the internal route.
    const alice = await shop.registerCustomer();
    const placed = await shop.call('POST', '/api/orders', {
      token: alice.token,
      headers: { 'idempotency-key': newId() },
      body: {
        items: [{ productId: await stockedProduct(shop, 5), quantity: 1 }],
        shippingAddress: ADDRESS,
        paymentMethod: 'pm_card_visa',
        promoCode: code,
      },
    });
    expect([placed.status, placed.body.promoCode, placed.body.discountCents]).toEqual([202, code, 100]);
  });

  it("are left out of the gateway's OpenAPI document", async () => {
    const { paths } = (await shop.call('GET', '/docs/json')).body;
    expect(Object.keys(paths).filter((p) => p.startsWith('/internal') || p.includes('holds'))).toEqual([]);
  });
});
