import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockedProduct } from '../support/checkout.ts';
import { startShop, type TestShop } from '../support/shop.ts';

/** What the gateway makes of every service's routes together: one OpenAPI document, and routes side by side. */
let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
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
