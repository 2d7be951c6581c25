import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsService } from '../src/index.ts';
import type { Json } from '../../../test/support/json.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';

describe('notifications API, without SMTP', () => {
  let host: Host;
  const alice = newId();
  const bob = newId();
  let tokens: { alice: string; bob: string; admin: string };

  const call = (method: 'GET' | 'POST', url: string, token?: string) =>
    host.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const confirm = (customerId: string) =>
    host.deliver(host.event('order.confirmed', { orderId: newId(), customerId, totalCents: 2_000, currency: 'EUR' }));

  beforeAll(async () => {
    host = await hostService(notificationsService);
    tokens = { alice: host.tokenFor(alice), bob: host.tokenFor(bob), admin: host.tokenFor(newId(), 'admin') };
    await host.deliver(host.event('user.registered', { userId: alice, email: 'alice@example.com', name: 'Alice' }));
    for (let i = 0; i < 3; i++) await confirm(alice);
    await confirm(bob);
  });
  afterAll(() => host.close());

  it('keeps every email in the local outbox, since no SMTP server is configured', async () => {
    expect(host.mounted.instance.timers).toEqual([]);
    const rows = await host.db.query<{ status: string; to_address: string }>('SELECT status, to_address FROM notifications.outgoing');
    expect(rows.every((r) => r.status === 'kept')).toBe(true);
    expect(rows.map((r) => r.to_address).sort()).toEqual(['', 'alice@example.com', 'alice@example.com', 'alice@example.com']);
  });

  it('needs a bearer token', async () => {
    expect((await call('GET', '/api/notifications')).statusCode).toBe(401);
    expect((await call('POST', '/api/notifications/read-all')).statusCode).toBe(401);
  });

  it("lists only the caller's notifications, newest first, with the unread count", async () => {
    const body = (await call('GET', '/api/notifications', tokens.alice)).json();
    expect(body).toMatchObject({ page: 1, pageSize: 20, total: 3, unreadCount: 3 });
    expect(body.items[0]).toEqual({
      id: expect.any(String),
      kind: 'order.confirmed',
      title: 'Order confirmed',
      body: expect.stringContaining('€20.00'),
      orderId: expect.any(String),
      read: false,
      createdAt: expect.any(String),
    });
    const times = body.items.map((n: Json) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await call('GET', '/api/notifications', tokens.bob)).json()).toMatchObject({ total: 1, unreadCount: 1 });
  });

  it("marks one read for its owner, and answers 404 for another user's", async () => {
    const [first] = (await call('GET', '/api/notifications?pageSize=1', tokens.alice)).json().items;
    expect((await call('POST', `/api/notifications/${first.id}/read`, tokens.bob)).statusCode).toBe(404);
    expect((await call('POST', `/api/notifications/${first.id}/read`, tokens.admin)).statusCode).toBe(404);
    const res = await call('POST', `/api/notifications/${first.id}/read`, tokens.alice);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...first, read: true });
    expect((await call('POST', `/api/notifications/${newId()}/read`, tokens.alice)).statusCode).toBe(404);

    const unread = (await call('GET', '/api/notifications?unread=true', tokens.alice)).json();
    expect(unread).toMatchObject({ total: 2, unreadCount: 2 });
    const read = (await call('GET', '/api/notifications?unread=false', tokens.alice)).json();
    expect(read).toMatchObject({ total: 1, unreadCount: 2, items: [{ id: first.id, read: true }] });
  });

  it('marks all read', async () => {
    const res = await call('POST', '/api/notifications/read-all', tokens.alice);
    expect(res.statusCode).toBe(204);
    expect((await call('GET', '/api/notifications', tokens.alice)).json()).toMatchObject({ total: 3, unreadCount: 0 });
    expect((await call('GET', '/api/notifications', tokens.bob)).json()).toMatchObject({ unreadCount: 1 });
  });

  it('rejects a bad query', async () => {
    for (const query of ['unread=maybe', 'pageSize=101', 'page=-1']) {
      expect((await call('GET', `/api/notifications?${query}`, tokens.alice)).statusCode).toBe(400);
    }
    expect((await call('POST', '/api/notifications/nope/read', tokens.alice)).statusCode).toBe(400);
  });

  it('shows the email outbox to admins only, newest first', async () => {
    expect((await call('GET', '/api/admin/emails')).statusCode).toBe(401);
    const denied = await call('GET', '/api/admin/emails', tokens.alice);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    const body = (await call('GET', '/api/admin/emails?pageSize=2', tokens.admin)).json();
    expect(body).toMatchObject({ page: 1, pageSize: 2, total: 4 });
    expect(body.items[0]).toEqual({
      id: expect.any(String),
      userId: bob,
      to: '',
      subject: expect.stringMatching(/^Order confirmed \(order #\w{8}\)$/),
      body: expect.stringContaining('€20.00'),
      status: 'kept',
      attempts: 0,
      lastError: null,
      createdAt: expect.any(String),
      sentAt: null,
    });
  });
});
