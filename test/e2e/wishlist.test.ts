import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRegister, http, startWebShop, uniqueEmail, withPage, type WebShop } from './support.ts';

let web: WebShop;
beforeAll(async () => {
  web = await startWebShop();
}, 240_000);
afterAll(async () => {
  await web?.stop();
});

describe('wishlist in a browser', () => {
  it('a shopper saves products from the product page and a card, finds them on the Wishlist page, adds one to the cart and removes them', async () => {
    const shopper = { email: uniqueEmail('mary'), password: 'somerville-1780', name: 'Mary Somerville' };
    const token = await apiRegister(web.url, shopper);

    await withPage(web.browser, 'shopper-wishlist', async ({ page }) => {
      await page.goto(`${web.url}/login`);
      await page.getByLabel('Email', { exact: true }).fill(shopper.email);
      await page.getByLabel('Password', { exact: true }).fill(shopper.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();

      // From the product page.
      await page.getByRole('link', { name: 'Classic Stoneware Mug' }).click();
      await page.getByRole('heading', { level: 1, name: 'Classic Stoneware Mug' }).waitFor();
      const saveMug = page.getByRole('button', { name: 'Save Classic Stoneware Mug to your wishlist' });
      await expect.poll(() => saveMug.getAttribute('aria-pressed')).toBe('false');
      await saveMug.click();
      await expect.poll(() => saveMug.getAttribute('aria-pressed')).toBe('true');
      expect(await saveMug.textContent()).toContain('Saved');

      // From a catalog card.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Shop', exact: true }).click();
      const saveNotebook = page.getByRole('button', { name: 'Save Dotted Notebook A5 to your wishlist' });
      await saveNotebook.click();
      await expect.poll(() => saveNotebook.getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('button', { name: 'Save Classic Stoneware Mug to your wishlist' }).getAttribute('aria-pressed')).toBe(
        'true',
      );

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wishlist', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Your wishlist' }).waitFor();
      const rows = page.locator('tbody tr');
      // Newest first.
      await expect.poll(() => rows.locator('th a').allTextContents()).toEqual(['Dotted Notebook A5', 'Classic Stoneware Mug']);
      expect(await rows.first().textContent()).toContain('€16.00');

      await page.getByRole('button', { name: 'Add Classic Stoneware Mug to cart' }).click();
      await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
      await page.getByRole('button', { name: 'Remove Classic Stoneware Mug from your wishlist' }).click();
      await expect.poll(() => rows.locator('th a').allTextContents()).toEqual(['Dotted Notebook A5']);
      await page.getByRole('button', { name: 'Remove Dotted Notebook A5 from your wishlist' }).click();
      await page.getByText('Nothing saved yet').waitFor();

      // The product page agrees after a reload.
      await page.goto(web.url);
      await page.getByRole('link', { name: 'Classic Stoneware Mug' }).click();
      await expect
        .poll(() => page.getByRole('button', { name: 'Save Classic Stoneware Mug to your wishlist' }).getAttribute('aria-pressed'))
        .toBe('false');
    });

    expect(((await http(web.url, 'GET', '/api/wishlist', { token })).body as { items: unknown[] }).items).toEqual([]);
  }, 90_000);
});
