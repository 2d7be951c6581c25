import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../apps/web/src/api/endpoints.ts';
import { http, startWebShop, withPage, type WebShop } from './support.ts';
import type { Page } from 'playwright-core';

const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-123' };

let web: WebShop;
beforeAll(async () => {
  web = await startWebShop();
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

describe('admin in a browser', () => {
  it('an admin creates a product and sets its stock; a shopper then finds it by search', async () => {
    const sku = `LAMP-E2E-${Date.now().toString(36).toUpperCase()}`;
    await withPage(web.browser, 'admin-creates-product', async ({ page, expectHttpError }) => {
      // The first save is sent with a taken SKU on purpose: 409.
      expectHttpError({ status: 409, url: '/api/products' });
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByRole('link', { name: 'Admin' }).click();

      // the dashboard
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      await page.getByRole('img', { name: /Orders per hour/ }).waitFor();
      await page.getByRole('heading', { name: 'Low stock' }).waitFor();
      await page.getByRole('link', { name: 'Linen Throw Blanket' }).waitFor();

      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products' }).click();
      await page.getByRole('link', { name: 'New product' }).click();
      await page.getByRole('heading', { level: 1, name: 'New product' }).waitFor();

      // client-side validation, with the contract's messages
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByText('Please correct the highlighted fields.').waitFor();
      expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Price', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      // a taken SKU is refused by the shop and shown on its field
      await page.getByLabel('SKU', { exact: true }).fill('MUG-CLASSIC');
      await page.getByLabel('Category', { exact: true }).fill('home');
      await page.getByLabel('Name', { exact: true }).fill('Aurora Reading Lamp');
      await page.getByLabel('Description').fill('A warm reading lamp with a linen shade.');
      await page.getByLabel('Price', { exact: true }).fill('74.50');
      await page.getByRole('button', { name: 'Create product' }).click();
      await expect.poll(() => page.getByLabel('SKU', { exact: true }).getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('SKU', { exact: true }).fill(sku);
      await page.getByRole('button', { name: 'Create product' }).click();
      await page.getByRole('heading', { level: 1, name: 'Edit Aurora Reading Lamp' }).waitFor();

      // set its stock
      await page.getByLabel('On hand', { exact: true }).fill('4');
      await page.getByRole('button', { name: 'Set stock' }).click();
      await expect.poll(() => page.getByTestId('stock-available').textContent()).toBe('4');

      // the stock page shows it too
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Stock' }).click();
      await page.getByRole('searchbox', { name: 'Search products' }).fill('Aurora');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect.poll(() => page.getByLabel('On hand for Aurora Reading Lamp').inputValue()).toBe('4');
    });

    await withPage(web.browser, 'shopper-finds-new-product', async ({ page }) => {
      await page.goto(web.url);
      const search = page.getByRole('searchbox', { name: 'Search products' });
      await search.fill('aurora');
      await search.press('Enter');
      await page.getByRole('link', { name: 'Aurora Reading Lamp' }).click();
      await page.getByRole('heading', { level: 1, name: 'Aurora Reading Lamp' }).waitFor();
      await page.getByText('€74.50').waitFor();
      await page.getByText('Only 4 left').waitFor();
      await page.getByText('A warm reading lamp with a linen shade.').waitFor();
    });
  }, 90_000);

  it('an admin filters orders, opens one with its history and payments, and cancels it', async () => {
    const shopper = await http(web.url, 'POST', '/api/auth/login', {
      body: { email: 'shopper@mercato.local', password: 'shopper-pass-123' },
    });
    const token = (shopper.body as { accessToken: string }).accessToken;
    const products = await http(web.url, 'GET', '/api/products?q=kettle');
    const productId = (products.body as { items: Array<{ id: string }> }).items[0].id;
    const placed = await http(web.url, 'POST', '/api/orders', {
      token,
      headers: { 'idempotency-key': `admin-e2e-${Date.now()}` },
      body: {
        items: [{ productId, quantity: 1 }],
        shippingAddress: { name: 'Demo Shopper', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
        paymentMethod: 'pm_card_mastercard',
      },
    });
    const orderId = (placed.body as { id: string }).id;
    // Wait for the saga to confirm it.
    await expect
      .poll(async () => ((await http(web.url, 'GET', `/api/orders/${orderId}`, { token })).body as { status: string }).status, {
        timeout: 20_000,
      })
      .toBe('CONFIRMED');

    await withPage(web.browser, 'admin-orders', async ({ page }) => {
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto(`${web.url}/admin/orders`);
      await page.getByLabel('Status').selectOption('CONFIRMED');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/status=CONFIRMED/);
      await page.getByRole('link', { name: `Order ${orderId.slice(-8)}` }).click();
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await page.getByText('Captured', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Cancel order' }).click();
      await page.getByRole('button', { name: 'Yes, cancel the order' }).click();
      await expect.poll(() => page.getByTestId('order-status').textContent(), { timeout: 15_000 }).toContain('Cancelled');
      await page.getByText('Cancelled by the shop').first().waitFor();
      await page.getByText('Refunded', { exact: true }).waitFor();

      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Dead letters' }).click();
      await page.getByText('No dead letters: every event was handled.').waitFor();
    });
  }, 60_000);

  it('an admin creates a promotion code (field errors, a taken code), switches one off and on, and a shopper can then use the new one', async () => {
    const code = `SPRING-${Date.now().toString(36).toUpperCase()}`;
    await withPage(web.browser, 'admin-promotions', async ({ page, expectHttpError }) => {
      // The second try reuses the demo's code on purpose: 409.
      expectHttpError({ status: 409, url: '/api/admin/promotions' });
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto(`${web.url}/admin`);
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Promotions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Promotions' }).waitFor();
      const welcome = page.locator('tr[data-code="WELCOME10"]');
      await welcome.waitFor();
      expect(await welcome.textContent()).toContain('10% off');

      await page.getByRole('button', { name: 'New promotion' }).click();
      const form = page.getByRole('form', { name: 'New promotion' });
      await form.getByRole('button', { name: 'Create promotion' }).click();
      await form.getByText('Please correct the highlighted fields.').waitFor();
      expect(await form.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('Percent off').getAttribute('aria-invalid')).toBe('true');

      await form.getByLabel('Code', { exact: true }).fill('welcome10');
      await form.getByRole('radio', { name: 'A fixed amount' }).check();
      await form.getByLabel('Amount off').fill('5.00');
      await form.getByLabel('Minimum subtotal').fill('20');
      await form.getByLabel('Uses in all').fill('50');
      await form.getByRole('button', { name: 'Create promotion' }).click();
      await expect.poll(() => form.getByLabel('Code', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await form.getByText('The code WELCOME10 exists already').waitFor();

      await form.getByLabel('Code', { exact: true }).fill(code);
      await form.getByRole('button', { name: 'Create promotion' }).click();
      const created = page.locator(`tr[data-code="${code}"]`);
      await created.waitFor();
      expect(await created.textContent()).toContain('€5.00 off');
      expect(await created.getByTestId('promotion-used').textContent()).toBe('0 of 50');

      // Off, then on again.
      const toggle = welcome.getByRole('button', { name: 'WELCOME10 active' });
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
      await page.getByLabel('Show').selectOption('false');
      await page.waitForURL(/active=false/);
      await expect
        .poll(() => page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code'))))
        .toEqual(['WELCOME10']);
      await welcome.getByRole('button', { name: 'WELCOME10 active' }).click();
      await expect.poll(() => welcome.getByRole('button', { name: 'WELCOME10 active' }).getAttribute('aria-pressed')).toBe('true');
    });

    const shopper = await http(web.url, 'POST', '/api/auth/login', {
      body: { email: 'shopper@mercato.local', password: 'shopper-pass-123' },
    });
    const token = (shopper.body as { accessToken: string }).accessToken;
    const quote = await http(web.url, 'GET', `/api/promotions/${code}/quote?subtotalCents=3000&currency=EUR`, { token });
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ code, discountCents: 500 });
    expect((await http(web.url, 'GET', '/api/promotions/WELCOME10/quote?subtotalCents=3000&currency=EUR', { token })).status).toBe(200);
  }, 60_000);

  it('the client calls only routes the gateway documents (OpenAPI at /docs/json)', async () => {
    const spec = (await http(web.url, 'GET', '/docs/json')).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    };
    const problems: string[] = [];
    for (const [name, ep] of Object.entries(endpoints)) {
      const op = spec.paths[ep.path]?.[ep.method.toLowerCase()];
      if (!op) {
        problems.push(`${name}: ${ep.method} ${ep.path} is not in the API`);
        continue;
      }
      const documented = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      for (const q of ('query' in ep ? ep.query : undefined) ?? []) {
        if (!documented.has(q)) problems.push(`${name}: ${ep.method} ${ep.path} has no query parameter ${q}`);
      }
      if ('cart' in ep && ep.cart && !(op.parameters ?? []).some((p) => p.in === 'header' && p.name === 'x-cart-id')) {
        problems.push(`${name}: ${ep.method} ${ep.path} does not take X-Cart-Id`);
      }
    }
    expect(problems).toEqual([]);
  });
});
