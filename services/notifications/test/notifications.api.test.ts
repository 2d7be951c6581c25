import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import { notices as noticesPage, noticesOf } from '../../../test/support/notifications.ts';
import { waitFor, type SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { notificationsService } from '../src/index.ts';

/** Notifications alone: customers and their orders reach it as the events identity and orders publish. */
let host: Host;
let alice: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  host = await hostService(notificationsService);
  [alice, bob] = [await host.signedUp(), await host.signedUp()];
});
afterAll(() => host?.close());

const notices = (token: string, query = '') => noticesPage(host, token, query);
const noticesFor = (customer: SignedIn, orderId: string, kinds: string[]) => noticesOf(host, customer, orderId, kinds);

/** An order of the customer's placed and confirmed, as orders announces it. */
async function settledOrder(customer: SignedIn) {
  const order = { id: newId() };
  const line = { productId: newId(), quantity: 1, unitPriceCents: 1_999 };
  await host.receive('order.placed', { orderId: order.id, customerId: customer.id, items: [line], totalCents: 1_999, currency: 'EUR' });
  await host.receive('order.confirmed', { orderId: order.id, customerId: customer.id, totalCents: 1_999, currency: 'EUR' });
  return order;
}

describe('notifications access', () => {
  it("keeps each customer's notices to themselves", async () => {
    const order = await settledOrder(bob);
    const [notice] = await noticesFor(bob, order.id, ['order.confirmed']);
    expect((await notices(alice.token, '?pageSize=100')).items.some((n: Json) => n.orderId === order.id)).toBe(false);
    expect((await host.call('POST', `/api/notifications/${notice.id}/read`, { token: alice.token })).status).toBe(404);
  });

  it('marks one and then all read', async () => {
    await settledOrder(bob);
    const before = await waitFor(async () => {
      const page = await notices(bob.token);
      return page.unreadCount >= 2 && page;
    });
    const read = await host.call('POST', `/api/notifications/${before.items[0].id}/read`, { token: bob.token });
    expect(read.body).toMatchObject({ id: before.items[0].id, read: true });
    expect((await notices(bob.token)).unreadCount).toBe(before.unreadCount - 1);
    expect((await host.call('POST', '/api/notifications/read-all', { token: bob.token })).status).toBe(204);
    expect(await notices(bob.token, '?unread=true')).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('keeps the email outbox for admins', async () => {
    expect((await host.call('GET', '/api/admin/emails', { token: alice.token })).status).toBe(403);
    expect((await host.call('GET', '/api/admin/emails')).status).toBe(401);
  });
});
