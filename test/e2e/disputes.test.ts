import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, http, startWebShop, withPage, type WebShop } from './support.ts';

const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-123' };
const SHOPPER = { email: 'shopper@mercato.local', password: 'shopper-pass-123' };

let web: WebShop;
beforeAll(async () => {
  web = await startWebShop();
}, 240_000);
afterAll(async () => {
  await web?.stop();
});

const euros = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(cents / 100);

describe('disputes in a browser', () => {
  it('an admin answers a dispute with evidence and records it won, records another lost, and the order page shows what the payment lost', async () => {
    const adminToken = await apiLogin(web.url, ADMIN.email, ADMIN.password);
    const token = await apiLogin(web.url, SHOPPER.email, SHOPPER.password);
    const productId = ((await http(web.url, 'GET', '/api/products?q=mug')).body as { items: Array<{ id: string }> }).items[0].id;
    const placed = await http(web.url, 'POST', '/api/orders', {
      token,
      headers: { 'idempotency-key': `disputes-e2e-${Date.now()}` },
      body: {
        items: [{ productId, quantity: 2 }],
        shippingAddress: { name: 'Demo Shopper', line1: '1 Main St', city: 'Lyon', postalCode: '69001', country: 'FR' },
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
    const payment = (
      (await http(web.url, 'GET', `/api/payments?orderId=${orderId}`, { token: adminToken })).body as {
        items: Array<{ id: string; amountCents: number }>;
      }
    ).items[0];
    // The provider's webhook reports a first dispute: part of the charge.
    const first = await http(web.url, 'POST', `/api/admin/payments/${payment.id}/disputes`, {
      token: adminToken,
      body: { reason: 'product_not_received', amountCents: 500 },
    });
    expect(first.status).toBe(201);

    await withPage(web.browser, 'admin-disputes', async ({ page }) => {
      await page.goto(`${web.url}/login`);
      await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await page.goto(`${web.url}/admin`);
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Disputes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Disputes' }).waitFor();
      // The work queue: disputes waiting for an answer.
      expect(await page.getByLabel('Status').inputValue()).toBe('NEEDS_RESPONSE');
      const dispute = page.locator(`article[data-dispute-id="${(first.body as { id: string }).id}"]`);
      await dispute.waitFor();
      expect(await dispute.getByRole('heading').textContent()).toContain(`${euros(500)} · Product not received`);

      await dispute.getByRole('button', { name: 'Send evidence' }).click();
      expect(await dispute.getByLabel('Evidence for the bank').getAttribute('aria-invalid')).toBe('true');
      await dispute.getByLabel('Evidence for the bank').fill('Delivered on 2 December, signed for at the door.');
      await dispute.getByRole('button', { name: 'Send evidence' }).click();
      await dispute.locator('.badge[data-status="UNDER_REVIEW"]').waitFor();
      await dispute.getByText('Delivered on 2 December, signed for at the door.').waitFor();
      await dispute.getByRole('button', { name: 'Won' }).click();
      await dispute.getByRole('button', { name: 'Yes, record it won' }).click();
      await dispute.locator('.badge[data-status="WON"]').waitFor();
      expect(await dispute.getByRole('button', { name: 'Lost' }).count()).toBe(0);

      // A second dispute, for all that is left of the charge, lost.
      const second = await http(web.url, 'POST', `/api/admin/payments/${payment.id}/disputes`, {
        token: adminToken,
        body: { reason: 'fraudulent' },
      });
      expect(second.status).toBe(201);
      await page.getByRole('button', { name: 'Refresh' }).click();
      const lost = page.locator(`article[data-dispute-id="${(second.body as { id: string }).id}"]`);
      await lost.waitFor();
      await lost.getByRole('button', { name: 'Lost' }).click();
      await lost.getByText(`${euros(payment.amountCents)} is gone from the payment`).waitFor();
      await lost.getByRole('button', { name: 'Yes, record it lost' }).click();
      await lost.locator('.badge[data-status="LOST"]').waitFor();

      // The order page shows what the payment lost.
      await lost.getByRole('link', { name: `Order ${orderId.slice(-8)}` }).click();
      await page.waitForURL(new RegExp(`/admin/orders/${orderId}$`));
      await expect
        .poll(() => page.getByTestId('payment-disputed').textContent())
        .toBe(` · lost to a dispute ${euros(payment.amountCents)}`);
    });

    const after = (
      (await http(web.url, 'GET', `/api/payments?orderId=${orderId}`, { token })).body as { items: Array<{ disputedCents: number }> }
    ).items[0];
    expect(after.disputedCents).toBe(payment.amountCents);
  }, 90_000);
});
