import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { notificationsService } from '../src/index.ts';

/** Notifications alone: customers and their orders reach it as the events identity and orders publish. */
let host: Host & { waitFor: typeof waitFor };
let alice: SignedIn;
let bob: SignedIn;

async function registered() {
  const customer = host.signedIn();
  await host.receive('user.registered', { userId: customer.id, email: customer.email, name: 'Test Customer' });
  return customer;
}

beforeAll(async () => {
  host = Object.assign(await hostService(notificationsService), { waitFor });
  [alice, bob] = [await registered(), await registered()];
});
afterAll(() => host?.close());

const notices = async (token: string, query = '') => (await host.call('GET', `/api/notifications${query}`, { token })).body;

/** Waits for the customer's notices of one order until `kinds` have all arrived, newest first. */
const noticesFor = (customer: SignedIn, orderId: string, kinds: string[]) =>
  host.waitFor(async () => {
    const mine = (await notices(customer.token, '?pageSize=100')).items.filter((n: any) => n.orderId === orderId);
    return kinds.every((k) => mine.some((n: any) => n.kind === k)) && mine;
  });

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
    expect((await notices(alice.token, '?pageSize=100')).items.some((n: any) => n.orderId === order.id)).toBe(false);
    expect((await host.call('POST', `/api/notifications/${notice.id}/read`, { token: alice.token })).status).toBe(404);
  });

  it('marks one and then all read', async () => {
    await settledOrder(bob);
    const before = await host.waitFor(async () => {
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
