import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startWebShop, uniqueEmail, withPage, type WebShop } from './support.ts';
import type { Page } from 'playwright-core';

let web: WebShop;
beforeAll(async () => {
  web = await startWebShop();
}, 240_000);
afterAll(async () => {
  await web?.stop();
});

const euros = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(cents / 100);

async function register(page: Page) {
  const shopper = { email: uniqueEmail('emmy'), password: 'noether-1882', name: 'Emmy Noether' };
  await page.goto(`${web.url}/register`);
  await page.getByLabel('Name', { exact: true }).fill(shopper.name);
  await page.getByLabel('Email', { exact: true }).fill(shopper.email);
  await page.getByLabel('Password', { exact: true }).fill(shopper.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return shopper;
}

async function addToCart(page: Page, q: string, name: string, count: number) {
  const search = page.getByRole('searchbox', { name: 'Search products' });
  await search.fill(q);
  await search.press('Enter');
  await page.getByRole('button', { name: `Add ${name} to cart` }).click();
  await page.getByRole('link', { name: `Cart, ${count} ${count === 1 ? 'item' : 'items'}` }).waitFor();
}

async function fillAddress(page: Page) {
  await page.getByLabel('Address', { exact: true }).fill('3 Rue de la Paix');
  await page.getByLabel('Postal code').fill('75002');
  await page.getByLabel('City').fill('Paris');
  await page.getByLabel('Country').selectOption('FR');
}

describe('promotions and tax in a browser', () => {
  it('a shopper is told why a code does not apply, applies WELCOME10, and the confirmed order shows the discount and the VAT; the code is not taken twice', async () => {
    await withPage(web.browser, 'shopper-applies-promotion', async ({ page, expectHttpError }) => {
      // Codes that do not apply, on purpose: below the minimum (409), unknown (404), used already at the order (422).
      expectHttpError({ status: 409, url: '/api/promotions/' });
      expectHttpError({ status: 404, url: '/api/promotions/' });
      expectHttpError({ status: 422, url: '/api/orders' });
      await register(page);
      await page.goto(web.url);
      await addToCart(page, 'mug', 'Classic Stoneware Mug', 1);

      // €14: below WELCOME10's minimum of €30, and the shop says so on the field.
      await page.goto(`${web.url}/checkout`);
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
      const code = page.getByLabel('Promotion code');
      await code.fill('welcome10');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.promo-row .field-error').textContent()).toBe('This code needs a subtotal of at least €30.00');
      expect(await page.getByTestId('checkout-total').textContent()).toBe('€14.00');
      await code.fill('NOSUCHCODE');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => page.locator('.promo-row .field-error').textContent()).toBe('There is no such code');

      // €30 with the notebook: 10 % off.
      await page.goto(web.url);
      await addToCart(page, 'notebook', 'Dotted Notebook A5', 2);
      await page.goto(`${web.url}/checkout`);
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
      await code.fill('WELCOME10');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => page.getByTestId('checkout-discount').textContent()).toBe(`-${euros(300)}`);
      expect(await page.getByTestId('checkout-total').textContent()).toBe(euros(2700));
      expect(await code.getAttribute('aria-invalid')).toBeNull();
      await page.getByText('WELCOME10: €3.00 off your order').waitFor();
      await fillAddress(page);
      await page.getByRole('button', { name: `Place order · ${euros(2700)}` }).click();

      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('order-status').textContent(), { timeout: 20_000 }).toContain('Confirmed');
      const orderId = page.url().split('/').pop()!;
      const token = await page.evaluate(() => JSON.parse(localStorage.getItem('mercato.session')!).accessToken as string);
      const order = (await http(web.url, 'GET', `/api/orders/${orderId}`, { token })).body as Record<string, unknown>;
      expect(order).toMatchObject({
        subtotalCents: 3000,
        discountCents: 300,
        promoCode: 'WELCOME10',
        totalCents: 2700,
        taxRatePercent: 20,
      });
      expect(await page.getByTestId('order-subtotal').textContent()).toBe(euros(3000));
      expect(await page.getByTestId('order-discount').textContent()).toBe(`-${euros(300)}`);
      expect(await page.locator('tr.discount th').textContent()).toBe('Discount (WELCOME10)');
      expect(await page.getByTestId('order-total').textContent()).toBe(euros(2700));
      expect(await page.getByTestId('order-tax').textContent()).toBe(`incl. VAT 20% ${euros(order.taxCents as number)}`);
      expect(order.taxCents).toBe(450);

      // The same code again: once per customer, refused at the order, on its field.
      await page.goto(web.url);
      await addToCart(page, 'notebook', 'Dotted Notebook A5', 1);
      await addToCart(page, 'mug', 'Classic Stoneware Mug', 2);
      await page.goto(`${web.url}/checkout`);
      await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
      await fillAddress(page);
      await code.fill('WELCOME10');
      await page.getByRole('button', { name: /Place order/ }).click();
      await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.promo-row .field-error').textContent()).toBe('You have used this code already');
      expect(page.url()).toMatch(/\/checkout$/);
    });
  }, 120_000);
});
