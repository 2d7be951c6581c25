import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, apiRegister, http, startWebShop, uniqueEmail, withPage, type WebShop } from './support.ts';
import type { Page } from 'playwright-core';

const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-123' };

let web: WebShop;
beforeAll(async () => {
  // The simulated carrier moves parcels only when a scan is recorded, so every scan here is the test's own.
  web = await startWebShop({ CARRIER_SIMULATOR_STEP: '0' });
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

/** A new shopper with one confirmed order, placed through the API. */
async function confirmedOrder(product: string) {
  const shopper = { email: uniqueEmail('grace'), password: 'compiler-1952', name: 'Grace Hopper' };
  const token = await apiRegister(web.url, shopper);
  const products = await http(web.url, 'GET', `/api/products?q=${product}`);
  const productId = (products.body as { items: Array<{ id: string }> }).items[0].id;
  const placed = await http(web.url, 'POST', '/api/orders', {
    token,
    headers: { 'idempotency-key': `fulfilment-e2e-${Date.now()}-${product}` },
    body: {
      items: [{ productId, quantity: 1 }],
      shippingAddress: { name: 'Grace Hopper', line1: '1 Harbour Road', city: 'Marseille', postalCode: '13002', country: 'FR' },
      paymentMethod: 'pm_card_visa',
    },
  });
  expect(placed.status).toBe(202);
  const orderId = (placed.body as { id: string }).id;
  await expect
    .poll(async () => ((await http(web.url, 'GET', `/api/orders/${orderId}`, { token })).body as { status: string }).status, {
      timeout: 20_000,
    })
    .toBe('CONFIRMED');
  return { shopper, token, orderId };
}

const navigations = (page: Page) => page.evaluate(() => performance.getEntriesByType('navigation').length);

describe('fulfilment in a browser', () => {
  it('an admin ships a confirmed order and records its scans; the shopper follows it to DELIVERED live', async () => {
    const { shopper, token, orderId } = await confirmedOrder('kettle');

    await withPage(web.browser, 'shopper-follows-delivery', async ({ page: shopperPage }) => {
      await signIn(shopperPage, shopper.email, shopper.password);
      await shopperPage.goto(`${web.url}/orders/${orderId}`);
      const shopperStatus = shopperPage.getByTestId('order-status');
      await expect.poll(() => shopperStatus.textContent()).toContain('Confirmed');
      const loads = await navigations(shopperPage);

      await withPage(web.browser, 'admin-ships-order', async ({ page, expectHttpError }) => {
        // A scan that would move the parcel backwards is sent on purpose: 409.
        expectHttpError({ status: 409, url: '/tracking' });
        await signIn(page, ADMIN.email, ADMIN.password);
        await page.goto(`${web.url}/admin/orders/${orderId}`);
        const status = page.getByTestId('order-status');
        await expect.poll(() => status.textContent()).toContain('Confirmed');

        await page.getByRole('button', { name: 'Ship order' }).click();
        await page.getByRole('button', { name: 'Yes, ship the order' }).click();
        await expect.poll(() => status.textContent()).toContain('Shipped');
        expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
        // The label is bought a moment later; the panel shows it without a reload.
        const trackingNumber = page.getByTestId('tracking-number');
        await expect.poll(() => trackingNumber.textContent(), { timeout: 20_000 }).toMatch(/[A-Z]{2}\d{9}[A-Z]{2}/);
        const events = page.getByTestId('tracking-events');
        await expect.poll(() => events.textContent()).toContain('Label created');

        // The shopper saw SHIPPED arrive on the stream, then the label.
        await expect.poll(() => shopperStatus.textContent(), { timeout: 15_000 }).toContain('Shipped');
        await expect
          .poll(() => shopperPage.getByTestId('tracking-number').textContent(), { timeout: 20_000 })
          .toBe(await trackingNumber.textContent());
        expect(await shopperPage.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);

        const scanStatus = page.getByLabel('Tracking status');
        const location = page.getByLabel('Location');
        const record = page.getByRole('button', { name: 'Record scan' });
        await scanStatus.selectOption('IN_TRANSIT');
        await location.fill('Lyon sorting hub');
        await record.click();
        await expect.poll(() => events.textContent()).toContain('Lyon sorting hub');
        await scanStatus.selectOption('OUT_FOR_DELIVERY');
        await record.click();
        await expect.poll(() => events.textContent()).toContain('Out for delivery');

        // Backwards is refused, on the status field.
        await scanStatus.selectOption('IN_TRANSIT');
        await record.click();
        await expect.poll(() => scanStatus.getAttribute('aria-invalid')).toBe('true');
        await page.locator('.tracking-form .field-error').waitFor();

        await scanStatus.selectOption('DELIVERED');
        await location.fill('Marseille');
        await record.click();
        await page.getByTestId('delivered-at').waitFor();
        // Nothing can be scanned after delivery, and orders follows the delivery a moment later.
        expect(await page.getByRole('button', { name: 'Record scan' }).count()).toBe(0);
        await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Delivered');

        // The shipments page lists it under its status and leads back to the order.
        await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Shipments' }).click();
        await page.getByRole('heading', { level: 1, name: 'Shipments' }).waitFor();
        await page.getByLabel('Status').selectOption('DELIVERED');
        await page.waitForURL(/status=DELIVERED/);
        await page.getByRole('link', { name: `Order ${orderId.slice(-8)}` }).click();
        await page.waitForURL(new RegExp(`/admin/orders/${orderId}$`));
        await page.getByTestId('delivered-at').waitFor();
      });

      // DELIVERED reached the shopper over the stream, with every scan, newest first, in the same document.
      await expect.poll(() => shopperStatus.textContent(), { timeout: 15_000 }).toContain('Delivered');
      await shopperPage.getByTestId('delivered-at').waitFor();
      const scans = await shopperPage.getByTestId('tracking-events').locator('.timeline-status').allTextContents();
      expect(scans).toEqual(['Delivered', 'Out for delivery', 'In transit', 'Label created']);
      expect(await shopperPage.getByTestId('tracking-events').textContent()).toContain('Lyon sorting hub');
      expect(await shopperPage.getByRole('button', { name: 'Record scan' }).count()).toBe(0);
      expect(await navigations(shopperPage)).toBe(loads);

      // The order list and the notifications say so too (notifications writes its own a moment after the event).
      await shopperPage.getByRole('link', { name: 'Orders', exact: true }).click();
      await shopperPage.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
      await shopperPage.locator('.order-row .badge[data-status="DELIVERED"]').waitFor();
      await expect
        .poll(
          async () =>
            ((await http(web.url, 'GET', '/api/notifications', { token })).body as { items: Array<{ kind: string }> }).items.map(
              (n) => n.kind,
            ),
          {
            timeout: 10_000,
          },
        )
        .toEqual(expect.arrayContaining(['shipment.created', 'order.delivered']));
      await shopperPage.getByRole('link', { name: /^Notifications/ }).click();
      await shopperPage.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await shopperPage.getByRole('heading', { name: /Order shipped/ }).waitFor();
      await shopperPage.getByRole('heading', { name: /Order delivered/ }).waitFor();
    });
  }, 120_000);

  it('a shopper cannot cancel an order once it is shipped', async () => {
    const { shopper, token, orderId } = await confirmedOrder('socks');
    await withPage(web.browser, 'shipped-order-not-cancellable', async ({ page }) => {
      await signIn(page, shopper.email, shopper.password);
      await page.goto(`${web.url}/orders/${orderId}`);
      const status = page.getByTestId('order-status');
      await expect.poll(() => status.textContent()).toContain('Confirmed');
      await page.getByRole('button', { name: 'Cancel order' }).waitFor();

      const shipped = await http(web.url, 'POST', `/api/orders/${orderId}/ship`, {
        token: await apiLogin(web.url, ADMIN.email, ADMIN.password),
      });
      expect(shipped.status).toBe(202);
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Shipped');
      expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
      await page.getByRole('heading', { name: 'Delivery' }).waitFor();

      // Nor behind the page's back.
      expect((await http(web.url, 'POST', `/api/orders/${orderId}/cancel`, { token })).status).toBe(409);
      await page.reload();
      await expect.poll(() => status.textContent()).toContain('Shipped');
      expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
    });
  }, 90_000);
});
