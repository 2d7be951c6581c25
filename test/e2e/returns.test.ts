import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, apiRegister, http, startWebShop, uniqueEmail, withPage, type WebShop } from './support.ts';
import type { Page } from 'playwright-core';

const ADMIN = { email: 'admin@mercato.local', password: 'admin-password-123' };

let web: WebShop;
let adminToken: string;
beforeAll(async () => {
  // The simulated carrier moves parcels only when a scan is recorded: the test delivers its orders itself.
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

interface OrderLine {
  productId: string;
  name: string;
  unitPriceCents: number;
}

/** A new shopper with one delivered order of one of each product, set up through the API: placed, shipped, scanned delivered. */
async function deliveredOrder(searches: string[]) {
  const shopper = { email: uniqueEmail('ada'), password: 'analytical-1843', name: 'Ada Lovelace' };
  const token = await apiRegister(web.url, shopper);
  const productIds: string[] = [];
  for (const q of searches)
    productIds.push(((await http(web.url, 'GET', `/api/products?q=${q}`)).body as { items: Array<{ id: string }> }).items[0].id);
  const placed = await http(web.url, 'POST', '/api/orders', {
    token,
    headers: { 'idempotency-key': `returns-e2e-${Date.now()}-${searches.join('-')}` },
    body: {
      items: productIds.map((productId) => ({ productId, quantity: 1 })),
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      paymentMethod: 'pm_card_visa',
    },
  });
  expect(placed.status).toBe(202);
  const orderId = (placed.body as { id: string }).id;
  const order = async () =>
    (await http(web.url, 'GET', `/api/orders/${orderId}`, { token })).body as { status: string; items: OrderLine[] };
  await expect.poll(async () => (await order()).status, { timeout: 20_000 }).toBe('CONFIRMED');
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
  await expect.poll(async () => (await order()).status, { timeout: 15_000 }).toBe('DELIVERED');
  return { shopper, token, orderId, lines: (await order()).items };
}

const euros = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const returnsOf = async (orderId: string, token: string) =>
  (
    (await http(web.url, 'GET', `/api/returns?orderId=${orderId}`, { token })).body as {
      items: Array<{ id: string; status: string; comment: string | null }>;
    }
  ).items;
const notificationKinds = async (token: string) =>
  ((await http(web.url, 'GET', '/api/notifications', { token })).body as { items: Array<{ kind: string; body: string }> }).items;

describe('returns in a browser', () => {
  it('a shopper returns one of two items; an admin approves and receives it; the shopper sees the refund, cannot return more than is left, and withdraws a return', async () => {
    const { shopper, token, orderId, lines } = await deliveredOrder(['mug', 'kettle']);
    const [mug, kettle] = lines as [OrderLine, OrderLine];

    await withPage(web.browser, 'shopper-returns-item', async ({ page, expectHttpError }) => {
      // The last request asks for more than is left on purpose: 422.
      expectHttpError({ status: 422, url: '/api/returns' });
      await signIn(page, shopper.email, shopper.password);
      await page.goto(`${web.url}/orders/${orderId}`);
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('Delivered');

      await page.getByRole('button', { name: 'Return items' }).click();
      const mugQuantity = page.getByLabel(`Quantity of ${mug.name} to return`);
      const kettleQuantity = page.getByLabel(`Quantity of ${kettle.name} to return`);
      const total = page.getByTestId('return-refund-total');
      await mugQuantity.fill('1');
      await page.getByLabel('Reason').selectOption('damaged');
      await page.getByLabel('Comment').fill('The handle came off.');
      // The refund is shown before anything is sent: the price paid for the mug alone.
      await expect.poll(() => total.textContent()).toBe(euros(mug.unitPriceCents));
      expect(await kettleQuantity.inputValue()).toBe('0');
      await page.getByRole('button', { name: 'Request return' }).click();

      const ret = page.getByRole('article', { name: /^Return / });
      await ret.locator('.badge[data-status="REQUESTED"]').waitFor();
      expect(await ret.getByTestId('return-refund').textContent()).toBe(euros(mug.unitPriceCents));
      await ret.getByText(`1 × ${mug.name}`).waitFor();
      await ret.getByRole('button', { name: 'Withdraw' }).waitFor();
      const asked = await returnsOf(orderId, token);
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({ status: 'REQUESTED', comment: 'The handle came off.' });

      await withPage(web.browser, 'admin-receives-return', async ({ page: admin }) => {
        await signIn(admin, ADMIN.email, ADMIN.password);
        await admin.getByRole('link', { name: 'Admin', exact: true }).click();
        await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Returns' }).click();
        await admin.getByRole('heading', { level: 1, name: 'Returns' }).waitFor();
        // The work queue: waiting for a decision.
        expect(await admin.getByLabel('Status').inputValue()).toBe('REQUESTED');
        await admin.getByRole('link', { name: `Order ${orderId.slice(-8)}` }).click();
        await admin.waitForURL(new RegExp(`/admin/orders/${orderId}$`));

        const decided = admin.getByRole('article', { name: /^Return / });
        await decided.getByText('“The handle came off.”').waitFor();
        expect(await decided.getByRole('button', { name: 'Mark received' }).count()).toBe(0);
        await decided.getByRole('button', { name: 'Approve' }).click();
        await decided.getByLabel('Note for the customer').fill('Please send it in its box.');
        await decided.getByRole('button', { name: 'Yes, approve' }).click();
        await decided.locator('.badge[data-status="APPROVED"]').waitFor();
        expect(await decided.getByRole('button', { name: 'Approve' }).count()).toBe(0);

        await decided.getByRole('button', { name: 'Mark received' }).click();
        await decided.getByText(`${euros(mug.unitPriceCents)} is refunded to the customer`).waitFor();
        await decided.getByRole('button', { name: 'Yes, mark received' }).click();
        // Payments refunds a moment later; the page follows it without a reload.
        await decided.locator('.badge[data-status="REFUNDED"]').waitFor({ timeout: 20_000 });
        await expect.poll(() => admin.getByTestId('payment-status').textContent(), { timeout: 10_000 }).toBe('Partly refunded');
      });

      // Nothing on the shopper's stream tells of a return: a reload shows it, following the refund if it is still on its way.
      await page.reload();
      await ret.locator('.badge[data-status="REFUNDED"]').waitFor({ timeout: 20_000 });
      const history = await ret.getByRole('list', { name: 'Return history' }).locator('.timeline-status').allTextContents();
      expect(history).toEqual(['Requested', 'Approved', 'Received', 'Refunded']);
      await ret.getByText('Please send it in its box.').waitFor();
      expect(await ret.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
      await expect.poll(() => page.getByTestId('payment-status').textContent(), { timeout: 10_000 }).toBe('Partly refunded');
      expect(await page.locator('.payments li').textContent()).toContain(`refunded ${euros(mug.unitPriceCents)}`);

      // The mug is all returned; asking for two kettles out of one is refused on the kettle's line.
      await page.getByRole('button', { name: 'Return items' }).click();
      expect(await mugQuantity.isDisabled()).toBe(true);
      await kettleQuantity.fill('2');
      await page.getByLabel('Reason').selectOption('no_longer_needed');
      await expect.poll(() => total.textContent()).toBe(euros(2 * kettle.unitPriceCents));
      await page.getByRole('button', { name: 'Request return' }).click();
      await expect.poll(() => kettleQuantity.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator(`tr[data-product-id="${kettle.productId}"] .field-error`).textContent()).toBe(
        'At most 1 of this item can still be returned',
      );
      await page.getByTestId('return-form-error').waitFor();
      expect(await mugQuantity.getAttribute('aria-invalid')).toBeNull();
      expect(await page.getByRole('article', { name: /^Return / }).count()).toBe(1);

      // One kettle is fine (a new attempt: the body changed); withdrawn, it may be returned again.
      await kettleQuantity.fill('1');
      await page.getByRole('button', { name: 'Request return' }).click();
      const second = page.getByRole('article', { name: /^Return / }).filter({ hasText: `1 × ${kettle.name}` });
      await second.locator('.badge[data-status="REQUESTED"]').waitFor();
      expect(await page.getByRole('button', { name: 'Return items' }).count()).toBe(0);
      await second.getByRole('button', { name: 'Withdraw' }).click();
      await second.getByRole('button', { name: 'Yes, withdraw it' }).click();
      await second.locator('.badge[data-status="CANCELLED"]').waitFor();
      expect(await second.locator('.badge').textContent()).toBe('Withdrawn');
      await page.getByRole('button', { name: 'Return items' }).click();
      expect(await kettleQuantity.isDisabled()).toBe(false);
      expect(await mugQuantity.isDisabled()).toBe(true);
    });

    expect((await returnsOf(orderId, token)).map((r) => r.status).sort()).toEqual(['CANCELLED', 'REFUNDED']);
    // The shopper was told of the approval and of the refund, with its amount.
    await expect
      .poll(async () => (await notificationKinds(token)).map((n) => n.kind), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['return.approved', 'payment.refunded']));
    expect((await notificationKinds(token)).find((n) => n.kind === 'payment.refunded')!.body).toContain(euros(mug.unitPriceCents));
  }, 150_000);

  it("an ops user works the returns queue, reads the customer's order and payment, approves a return from the order page, ships another order, and is offered nothing that needs admin", async () => {
    const { token, orderId, lines } = await deliveredOrder(['socks']);
    const asked = await http(web.url, 'POST', '/api/returns', {
      token,
      headers: { 'idempotency-key': `returns-e2e-ops-${Date.now()}` },
      body: { orderId, items: [{ productId: lines[0].productId, quantity: 1 }], reason: 'wrong_item' },
    });
    expect(asked.status).toBe(201);

    // A second order of the same customer, confirmed and waiting to be shipped.
    const second = await http(web.url, 'POST', '/api/orders', {
      token,
      headers: { 'idempotency-key': `returns-e2e-ops-ship-${Date.now()}` },
      body: {
        items: [{ productId: lines[0].productId, quantity: 1 }],
        shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
        paymentMethod: 'pm_card_visa',
      },
    });
    expect(second.status).toBe(202);
    const confirmedId = (second.body as { id: string }).id;

    const ops = { email: uniqueEmail('ops'), password: 'dispatch-desk-7', name: 'Olive Ops' };
    const opsToken = await apiRegister(web.url, ops);
    const me = (await http(web.url, 'GET', '/api/users/me', { token: opsToken })).body as { id: string };
    expect((await http(web.url, 'PUT', `/api/users/${me.id}/roles`, { token: adminToken, body: { roles: ['ops'] } })).status).toBe(200);

    await withPage(web.browser, 'ops-approves-return', async ({ page }) => {
      await signIn(page, ops.email, ops.password);
      await page.getByRole('link', { name: 'Admin', exact: true }).click();
      // Ops start at their work queue, and are offered only the pages whose API they may use.
      await page.getByRole('heading', { level: 1, name: 'Returns' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Admin' }).getByRole('link').allTextContents()).toEqual([
        'Orders',
        'Shipments',
        'Returns',
      ]);
      for (const path of ['/admin/products', '/admin/dead-letters', '/admin/stock']) {
        await page.goto(`${web.url}${path}`);
        await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      }

      await page.goto(`${web.url}/admin/returns`);
      await page.getByRole('link', { name: `Order ${orderId.slice(-8)}` }).click();
      await page.waitForURL(new RegExp(`/admin/orders/${orderId}$`));
      // Ops read the customer's order and its payment.
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('Delivered');
      await page.getByRole('heading', { name: 'Items' }).waitFor();
      await expect.poll(() => page.getByTestId('payment-status').textContent()).toBe('Captured');
      const ret = page.getByRole('article', { name: /^Return / });
      await ret.locator('.badge[data-status="REQUESTED"]').waitFor();
      await ret.getByRole('button', { name: 'Approve' }).click();
      await ret.getByLabel('Note for the customer').fill('Send the pair back in its bag.');
      await ret.getByRole('button', { name: 'Yes, approve' }).click();
      await ret.locator('.badge[data-status="APPROVED"]').waitFor();
      await ret.getByText('Send the pair back in its bag.').waitFor();
      // Its delivery is there too; a cancel (admins') is not.
      await page.getByTestId('tracking-number').waitFor();
      expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);

      // Every customer's orders are in the Orders list.
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Orders' }).click();
      await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
      // (Ids made in the same minute share their first characters: the link is told apart by its address.)
      await page.locator(`a[href="/admin/orders/${orderId}"]`).waitFor();

      // Back on the queue, it is no longer waiting for a decision.
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Returns' }).click();
      await page.getByRole('heading', { level: 1, name: 'Returns' }).waitFor();
      await page.locator('.state-empty, table').first().waitFor();
      expect(await page.getByRole('link', { name: `Order ${orderId.slice(-8)}` }).count()).toBe(0);

      // Ops ship the customer's confirmed order, and are offered no cancel.
      await page.goto(`${web.url}/admin/orders/${confirmedId}`);
      await expect.poll(() => page.getByTestId('order-status').textContent(), { timeout: 20_000 }).toContain('Confirmed');
      expect(await page.getByRole('button', { name: 'Cancel order' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Ship order' }).click();
      await page.getByRole('button', { name: 'Yes, ship the order' }).click();
      await expect.poll(() => page.getByTestId('order-status').textContent()).toContain('Shipped');
      await page.getByTestId('tracking-number').waitFor({ timeout: 30_000 });
    });

    expect((await http(web.url, 'GET', `/api/orders/${confirmedId}`, { token })).body).toMatchObject({ status: 'SHIPPED' });
    expect((await returnsOf(orderId, token))[0].status).toBe('APPROVED');
    await expect
      .poll(async () => (await notificationKinds(token)).find((n) => n.kind === 'return.approved')?.body ?? '', { timeout: 10_000 })
      .toContain('Send the pair back in its bag.');
  }, 120_000);
});
