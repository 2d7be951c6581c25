import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, apiRegister, http, startWebShop, uniqueEmail, withPage, type WebShop } from './support.ts';
import type { Page } from 'playwright-core';

const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-123' };

let web: WebShop;
let adminToken: string;
beforeAll(async () => {
  // The simulated carrier moves parcels only when a scan is recorded: the test delivers its order itself.
  web = await startWebShop({ CARRIER_SIMULATOR_STEP: '0' });
  adminToken = await apiLogin(web.url, ADMIN.email, ADMIN.password);
}, 240_000);
afterAll(async () => {
  await web?.stop();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${web.url}/login`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A new shopper to whom an order delivered one mug, set up through the API: placed, shipped, scanned delivered. */
async function shopperWithDeliveredMug() {
  const shopper = { email: uniqueEmail('ada'), password: 'analytical-1843', name: 'Ada Lovelace' };
  const token = await apiRegister(web.url, shopper);
  const productId = ((await http(web.url, 'GET', '/api/products?q=mug')).body as { items: Array<{ id: string }> }).items[0].id;
  const placed = await http(web.url, 'POST', '/api/orders', {
    token,
    headers: { 'idempotency-key': `reviews-e2e-${Date.now()}` },
    body: {
      items: [{ productId, quantity: 1 }],
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      paymentMethod: 'pm_card_visa',
    },
  });
  expect(placed.status).toBe(202);
  const orderId = (placed.body as { id: string }).id;
  const status = async () => ((await http(web.url, 'GET', `/api/orders/${orderId}`, { token })).body as { status: string }).status;
  await expect.poll(status, { timeout: 20_000 }).toBe('CONFIRMED');
  expect((await http(web.url, 'POST', `/api/orders/${orderId}/ship`, { token: adminToken })).status).toBe(202);
  let shipmentId = '';
  await expect
    .poll(
      async () => {
        const found = (await http(web.url, 'GET', `/api/shipments?orderId=${orderId}`, { token: adminToken })).body as {
          items: Array<{ id: string }>;
        };
        shipmentId = found.items[0]?.id ?? '';
        return shipmentId;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  expect(
    (await http(web.url, 'POST', `/api/shipments/${shipmentId}/tracking`, { token: adminToken, body: { status: 'DELIVERED' } })).status,
  ).toBe(200);
  await expect.poll(status, { timeout: 15_000 }).toBe('DELIVERED');
  return { shopper, productId };
}

describe('reviews in a browser', () => {
  it('a shopper who received a product reviews it, changes the review, and the product page and catalog show it; a shopper who did not buy it is refused', async () => {
    const { shopper, productId } = await shopperWithDeliveredMug();

    await withPage(web.browser, 'shopper-reviews-product', async ({ page }) => {
      await signIn(page, shopper.email, shopper.password);
      await page.goto(`${web.url}/products/${productId}`);
      await page.getByRole('heading', { level: 1, name: 'Classic Stoneware Mug' }).waitFor();
      await expect.poll(() => page.getByTestId('review-summary').textContent()).toBe('No reviews yet.');

      await page.getByRole('button', { name: 'Write a review' }).click();
      // The form checks what it can before sending.
      await page.getByRole('button', { name: 'Post review' }).click();
      await page.getByText('Choose from 1 to 5 stars').waitFor();
      expect(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await page.getByRole('radio', { name: '4 stars' }).check();
      await page.getByLabel('Title', { exact: true }).fill('Keeps coffee warm');
      await page.getByLabel('Your review', { exact: true }).fill('Heavy, well glazed, and the handle fits three fingers.');
      await page.getByRole('button', { name: 'Post review' }).click();

      const listed = page.getByRole('article', { name: 'Review: Keeps coffee warm' });
      await listed.waitFor();
      expect(await listed.textContent()).toContain('Ada L.');
      expect(await listed.getByRole('img').getAttribute('aria-label')).toBe('Rated 4.0 out of 5');
      await expect.poll(() => page.getByTestId('review-summary').textContent()).toContain('4.0 out of 5 · 1 review');
      expect(await page.getByTestId('histogram-4').textContent()).toContain('1');
      expect(await page.getByTestId('product-rating').textContent()).toContain('4.0 · 1 review');
      await page.getByRole('article', { name: 'Your review' }).waitFor();
      expect(await page.getByRole('button', { name: 'Write a review' }).count()).toBe(0);

      // Changed to five stars: the average follows.
      await page.getByRole('button', { name: 'Edit your review' }).click();
      expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Keeps coffee warm');
      await page.getByRole('radio', { name: '5 stars' }).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => page.getByTestId('review-summary').textContent()).toContain('5.0 out of 5 · 1 review');
      expect(await page.getByTestId('product-rating').textContent()).toContain('5.0 · 1 review');
      expect(await page.getByTestId('histogram-4').textContent()).toContain('0');

      // A reload finds it again, as theirs.
      await page.reload();
      await page.getByRole('article', { name: 'Your review' }).waitFor();
      expect(await page.getByRole('article', { name: 'Your review' }).textContent()).toContain('Keeps coffee warm');

      // The catalog card shows the rating (one ratings call for the page).
      await page.goto(web.url);
      const search = page.getByRole('searchbox', { name: 'Search products' });
      await search.fill('mug');
      await search.press('Enter');
      const card = page.getByRole('article', { name: 'Classic Stoneware Mug' });
      await expect
        .poll(() => card.getByTestId('card-rating').getByRole('img').getAttribute('aria-label'))
        .toBe('Rated 5.0 out of 5, 1 review');
    });

    const other = { email: uniqueEmail('charles'), password: 'difference-1822', name: 'Charles Babbage' };
    await apiRegister(web.url, other);
    await withPage(web.browser, 'non-buyer-cannot-review', async ({ page, expectHttpError }) => {
      // Posting without having received the mug, on purpose: 409 review_needs_purchase.
      expectHttpError({ status: 409, url: '/reviews' });
      await signIn(page, other.email, other.password);
      await page.goto(`${web.url}/products/${productId}`);
      await page.getByRole('article', { name: 'Review: Keeps coffee warm' }).waitFor();
      await page.getByRole('button', { name: 'Write a review' }).click();
      await page.getByRole('radio', { name: '1 star', exact: true }).check();
      await page.getByLabel('Title', { exact: true }).fill('Never arrived');
      await page.getByLabel('Your review', { exact: true }).fill('I did not buy it.');
      await page.getByRole('button', { name: 'Post review' }).click();
      await expect
        .poll(() => page.getByTestId('review-form-error').textContent())
        .toBe('Only customers who received this product can review it.');
      expect(await page.getByTestId('review-summary').textContent()).toContain('5.0 out of 5 · 1 review');
    });

    const reviews = (await http(web.url, 'GET', `/api/products/${productId}/reviews`)).body as {
      items: Array<{ rating: number }>;
      summary: { average: number };
    };
    expect(reviews.items.map((r) => r.rating)).toEqual([5]);
    expect(reviews.summary.average).toBe(5);
  }, 120_000);
});
