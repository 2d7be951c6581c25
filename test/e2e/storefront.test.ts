import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, apiRegister, http, startWebShop, uniqueEmail, withPage, type WebShop } from './support.ts';
import type { Page } from 'playwright-core';

const SHOPPER = { email: 'shopper@mercato.local', password: 'shopper-pass-123' };

let web: WebShop;
beforeAll(async () => {
  web = await startWebShop();
}, 240_000);
afterAll(async () => {
  await web?.stop();
});

async function fillAddress(page: Page) {
  await page.getByLabel('Address', { exact: true }).fill('12 Analytical Street');
  await page.getByLabel('Postal code').fill('75011');
  await page.getByLabel('City').fill('Paris');
  await page.getByLabel('Country').selectOption('FR');
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
}

describe('storefront in a browser', () => {
  it('a new shopper registers, searches, fills a cart, pays with a good card and watches the order confirm live', async () => {
    await withPage(web.browser, 'shopper-checkout-confirmed', async ({ page }) => {
      const streams: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/events')) streams.push(r.url());
      });

      await page.goto(web.url);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'All products' }).isVisible()).toBe(true);

      // register (and so sign in)
      await page.getByRole('link', { name: 'Register' }).click();
      await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
      await page.getByLabel('Email', { exact: true }).fill(uniqueEmail('ada'));
      await page.getByLabel('Password', { exact: true }).fill('analytical-1843');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);

      // search and add two products
      const search = page.getByRole('searchbox', { name: 'Search products' });
      await search.fill('mug');
      await search.press('Enter');
      await page.getByRole('heading', { level: 1, name: /Results for .mug./ }).waitFor();
      await page.getByRole('button', { name: 'Add Classic Stoneware Mug to cart' }).click();
      await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();

      await search.fill('notebook');
      await search.press('Enter');
      await page.getByRole('button', { name: 'Add Dotted Notebook A5 to cart' }).click();
      await page.getByRole('link', { name: 'Cart, 2 items' }).waitFor();

      // the server-side cart
      await page.getByRole('link', { name: 'Cart, 2 items' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your cart' }).waitFor();
      expect(await page.getByTestId('cart-total').textContent()).toBe('€30.00');
      await page.getByRole('link', { name: 'Checkout' }).click();

      // checkout with a good card
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
      expect(await page.getByLabel('Full name').inputValue()).toBe('Ada Lovelace');
      await fillAddress(page);
      await page.getByRole('radio', { name: /Visa test card/ }).check();
      await page.getByRole('button', { name: /Place order/ }).click();

      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
      const status = page.getByTestId('order-status');
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Confirmed');
      expect(await page.getByTestId('order-total').textContent()).toBe('€30.00');
      await page.getByRole('heading', { name: 'History' }).waitFor();
      expect(await page.locator('.timeline li').count()).toBeGreaterThanOrEqual(3);

      // It was followed over the event stream, in the same document (no reload).
      expect(streams.length).toBeGreaterThan(0);
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);

      // A change made elsewhere (here, through the API) shows up live too.
      const orderId = page.url().split('/').pop()!;
      const token = await page.evaluate(() => JSON.parse(localStorage.getItem('mercato.session')!).accessToken as string);
      const cancelled = await http(web.url, 'POST', `/api/orders/${orderId}/cancel`, { token });
      expect(cancelled.status).toBe(202);
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Cancelled');
      expect(await page.evaluate(() => document.location.pathname)).toBe(`/orders/${orderId}`);

      // order history lists it
      await page.getByRole('link', { name: 'Orders', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
      await page.getByRole('link', { name: `Order ${orderId.slice(-8)}` }).waitFor();

      // in-app notifications, with the unread count in the header
      const bell = page.getByRole('link', { name: /^Notifications, \d+ unread$/ });
      await bell.waitFor({ timeout: 10_000 });
      await bell.click();
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

      // sign out: the header offers to sign in again and the cart is a fresh visitor's
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      await page.getByRole('link', { name: 'Cart, 0 items' }).waitFor();
    });
  }, 90_000);

  it('a declined card ends the order CANCELLED with the reason', async () => {
    await withPage(web.browser, 'shopper-checkout-declined', async ({ page, expectHttpError }) => {
      // The first attempt is sent incomplete on purpose: the shop answers 400 with the fields.
      expectHttpError({ status: 400, url: '/api/orders' });
      await page.goto(web.url);
      // Fill the cart as a visitor, then sign in at checkout: the cart is merged into the account's.
      await page.getByRole('link', { name: 'Practical TypeScript' }).click();
      await page.getByRole('heading', { level: 1, name: 'Practical TypeScript' }).waitFor();
      await page.getByLabel('Quantity').fill('2');
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('link', { name: 'Cart, 2 items' }).click();
      await page.getByRole('link', { name: 'Sign in to check out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Email', { exact: true }).fill(SHOPPER.email);
      await page.getByLabel('Password', { exact: true }).fill(SHOPPER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
      await page.getByText('2 × Practical TypeScript', { exact: true }).waitFor();

      // The shop's own validation, field by field (the address is still empty).
      await page.getByLabel('Full name').fill('');
      await page.getByRole('button', { name: /Place order/ }).click();
      await page.locator('.field-error').first().waitFor();
      expect(await page.getByLabel('City').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Address', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Full name').fill('Demo Shopper');
      await fillAddress(page);
      await page.getByRole('radio', { name: /Declining test card.*declined/ }).check();
      await page.getByRole('button', { name: /Place order/ }).click();

      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      const status = page.getByTestId('order-status');
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Cancelled');
      expect(await page.getByTestId('order-status-reason').textContent()).toBe('The payment was declined');
      await page.getByText('Declined', { exact: true }).waitFor();
      // A final order offers no cancel button.
      expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    });
  }, 90_000);

  it("a shopper cannot open another shopper's order page", async () => {
    // Someone else's order, placed through the API.
    const owner = await apiLogin(web.url, SHOPPER.email, SHOPPER.password);
    const products = await http(web.url, 'GET', '/api/products?q=socks');
    const productId = (products.body as { items: Array<{ id: string }> }).items[0].id;
    const placed = await http(web.url, 'POST', '/api/orders', {
      token: owner,
      headers: { 'idempotency-key': `e2e-${Date.now()}` },
      body: {
        items: [{ productId, quantity: 1 }],
        shippingAddress: { name: 'Owner', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
        paymentMethod: 'pm_card_visa',
      },
    });
    expect(placed.status).toBe(202);
    const orderId = (placed.body as { id: string }).id;

    const intruder = { email: uniqueEmail('eve'), password: 'curious-eve-42', name: 'Eve' };
    await apiRegister(web.url, intruder);
    await withPage(web.browser, 'other-shoppers-order', async ({ page, expectHttpError }) => {
      expectHttpError({ status: 404, url: `/api/orders/${orderId}` });
      await page.goto(web.url);
      await signIn(page, intruder.email, intruder.password);
      await page.goto(`${web.url}/orders/${orderId}`);
      await page.getByRole('heading', { level: 1, name: 'Order not found' }).waitFor();
      expect(await page.getByText('Demo Shopper').count()).toBe(0);
      expect(await page.getByTestId('order-status').count()).toBe(0);
    });
  }, 60_000);

  it('after signing in, goes where the shopper was going, never to another origin', async () => {
    await withPage(web.browser, 'sign-in-redirect', async ({ page }) => {
      await page.goto(`${web.url}/orders`);
      // A page that needs an account sends the visitor to sign in first, then back.
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Email', { exact: true }).fill(SHOPPER.email);
      await page.getByLabel('Password', { exact: true }).fill(SHOPPER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/orders');
    });
    await withPage(web.browser, 'sign-in-foreign-redirect', async ({ page }) => {
      await page.goto(`${web.url}/login?redirect=${encodeURIComponent('//evil.example/steal')}`);
      await page.getByLabel('Email', { exact: true }).fill(SHOPPER.email);
      await page.getByLabel('Password', { exact: true }).fill(SHOPPER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'All products' }).waitFor();
      expect(new URL(page.url()).origin).toBe(new URL(web.url).origin);
      expect(new URL(page.url()).pathname).toBe('/');
    });
  }, 60_000);

  it('refreshes an expired access token silently', async () => {
    await withPage(web.browser, 'silent-refresh', async ({ page, expectHttpError }) => {
      // The stale token is refused once (401) before the refresh.
      expectHttpError({ status: 401, url: '/api/' });
      await page.goto(web.url);
      await signIn(page, SHOPPER.email, SHOPPER.password);
      const before = await page.evaluate(
        () => JSON.parse(localStorage.getItem('mercato.session')!) as { accessToken: string; refreshToken: string },
      );
      // An access token the gateway refuses, as an expired one would be.
      await page.evaluate(
        (s) => localStorage.setItem('mercato.session', JSON.stringify({ ...s, accessToken: 'expired.token.value' })),
        before,
      );
      await page.goto(`${web.url}/orders`);
      await page.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.locator('.order-row').first().waitFor();
      const after = await page.evaluate(
        () => JSON.parse(localStorage.getItem('mercato.session')!) as { accessToken: string; refreshToken: string },
      );
      expect(after.accessToken).not.toBe('expired.token.value');
      expect(after.refreshToken).not.toBe(before.refreshToken);
    });
  }, 60_000);

  it('works at phone width: no sideways scrolling, the menu opens from a button', async () => {
    await withPage(
      web.browser,
      'phone-width',
      async ({ page }) => {
        await page.goto(web.url);
        await page
          .getByRole('button', { name: /Add .* to cart/ })
          .first()
          .waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(await page.getByRole('link', { name: 'Register' }).isVisible()).toBe(false);
        const menu = page.getByRole('button', { name: 'Menu' });
        await menu.click();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        await page.getByRole('link', { name: 'Register' }).click();
        await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      },
      { viewport: { width: 375, height: 740 } },
    );
  }, 60_000);
});
