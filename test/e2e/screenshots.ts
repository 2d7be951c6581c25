/**
 * `npm run screenshots`: the README's pictures. Starts a seeded shop (building the web app if needed),
 * places a few orders so the dashboard has something to show, and saves
 * docs/screenshots/storefront.png and docs/screenshots/admin-dashboard.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiLogin, http, ROOT, startWebShop } from './support.ts';

const OUT = join(ROOT, 'docs/screenshots');

async function main() {
  const web = await startWebShop();
  try {
    const token = await apiLogin(web.url, 'shopper@mercato.local', 'shopper-pass-123');
    const { items } = (await http(web.url, 'GET', '/api/products?pageSize=100')).body as { items: Array<{ id: string; sku: string }> };
    const id = (sku: string) => items.find((p) => p.sku === sku)!.id;
    const address = { name: 'Demo Shopper', line1: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' };
    const orders: Array<[string, number, string]> = [
      ['MUG-CLASSIC', 2, 'pm_card_visa'],
      ['KETTLE-GOOSE', 1, 'pm_card_visa'],
      ['TEE-ORGANIC', 3, 'pm_card_mastercard'],
      ['BOOK-TS', 1, 'pm_card_visa'],
      ['LAMP-DESK', 1, 'pm_card_chargeDeclined'],
      ['HOODIE-LOOP', 1, 'pm_card_visa'],
      ['THROW-LINEN', 1, 'pm_card_visa'],
      ['NOTEBOOK-DOT', 4, 'pm_card_insufficientFunds'],
      ['GRINDER-BURR', 1, 'pm_card_mastercard'],
    ];
    for (const [i, [sku, quantity, paymentMethod]] of orders.entries()) {
      await http(web.url, 'POST', '/api/orders', {
        token,
        headers: { 'idempotency-key': `screenshot-${i}` },
        body: { items: [{ productId: id(sku), quantity }], shippingAddress: address, paymentMethod },
      });
    }
    await new Promise((r) => setTimeout(r, 1500));
    mkdirSync(OUT, { recursive: true });

    const viewport = { width: 1280, height: 900 };
    const shopper = await web.browser.newContext({ viewport, locale: 'en-US' });
    const page = await shopper.newPage();
    await page.goto(web.url);
    await page.getByRole('button', { name: 'Add Classic Stoneware Mug to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
    await page.getByRole('button', { name: 'Add Fountain Pen to cart' }).click();
    await page.getByRole('link', { name: 'Cart, 2 items' }).waitFor();
    await page.waitForTimeout(4000); // let the toasts go
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUT, 'storefront.png') });
    await shopper.close();

    const admin = await web.browser.newContext({ viewport, locale: 'en-US' });
    const a = await admin.newPage();
    await a.goto(`${web.url}/login`);
    await a.getByLabel('Email', { exact: true }).fill('admin@mercato.local');
    await a.getByLabel('Password', { exact: true }).fill('admin-password-123');
    await a.getByRole('button', { name: 'Sign in' }).click();
    await a.getByRole('button', { name: 'Sign out' }).waitFor();
    await a.goto(`${web.url}/admin`);
    await a.getByRole('img', { name: /Orders per hour/ }).waitFor();
    await a.getByRole('heading', { name: 'Low stock' }).waitFor();
    await a.getByRole('link', { name: 'Linen Throw Blanket' }).waitFor();
    await a.screenshot({ path: join(OUT, 'admin-dashboard.png'), fullPage: true });
    await admin.close();
    process.stdout.write(`saved ${join(OUT, 'storefront.png')} and ${join(OUT, 'admin-dashboard.png')}\n`);
  } finally {
    await web.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
