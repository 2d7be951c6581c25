import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNotificationsService, type OutgoingEmail } from '../src/index.ts';
import type { Json } from '../../../test/support/json.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';

/** An email channel that records what it sends and can be made to fail. */
const channel = {
  sent: [] as OutgoingEmail[],
  failWith: null as string | null,
  send(mail: OutgoingEmail) {
    if (this.failWith) return Promise.reject(new Error(this.failWith));
    this.sent.push(mail);
    return Promise.resolve();
  },
};

describe('notifications handlers, with an email channel', () => {
  let host: Host;
  const sendDue = () => host.mounted.instance.timers![0].run();
  const emailsOf = (userId: string) =>
    host.db.query<Json>('SELECT * FROM notifications.outgoing WHERE user_id = $1 ORDER BY created_at, id', [userId]);
  const noticesOf = (userId: string) =>
    host.db.query<Json>('SELECT * FROM notifications.notifications WHERE user_id = $1 ORDER BY created_at, id', [userId]);
  const register = (userId: string, name = 'Ada') =>
    host.deliver(host.event('user.registered', { userId, email: `${userId}@example.com`, name }));
  const confirmed = (customerId: string, orderId = newId()) =>
    host.event('order.confirmed', { orderId, customerId, totalCents: 4_250, currency: 'EUR' });

  beforeAll(async () => {
    host = await hostService(createNotificationsService({ email: channel }), { env: { MAIL_FROM: 'Shop <shop@example.com>' } });
  });
  afterAll(() => host.close());
  beforeEach(async () => {
    channel.failWith = null;
    await sendDue();
    channel.sent.length = 0;
  });

  it('registers one timer sending every second', () => {
    expect(host.mounted.instance.timers).toMatchObject([{ name: 'notifications.send-email', everyMs: 1000 }]);
  });

  it('writes an in-app notice and an email, and the timer sends the email', async () => {
    const userId = newId();
    await register(userId);
    const event = confirmed(userId);
    await host.deliver(event);
    expect(await noticesOf(userId)).toMatchObject([
      { kind: 'order.confirmed', order_id: event.payload.orderId, title: 'Order confirmed', read_at: null },
    ]);
    const [email] = await emailsOf(userId);
    expect(email).toMatchObject({ status: 'pending', to_address: `${userId}@example.com`, attempts: 0 });
    expect(email.body).toMatch(/^Hi Ada,\n\nYour order #\w{8} is confirmed and your payment of €42\.50 was received/);

    await sendDue();
    expect(channel.sent).toEqual([
      { from: 'Shop <shop@example.com>', to: `${userId}@example.com`, subject: email.subject, text: email.body },
    ]);
    expect(await emailsOf(userId)).toMatchObject([{ status: 'sent', attempts: 1, last_error: null }]);
    await sendDue();
    expect(channel.sent).toHaveLength(1);
  });

  it('keeps one notice when an event is redelivered or published twice', async () => {
    const userId = newId();
    await register(userId);
    const event = confirmed(userId);
    await host.deliver(event);
    await host.deliver(event);
    await host.deliver(confirmed(userId, event.payload.orderId));
    expect(await noticesOf(userId)).toHaveLength(1);
    expect(await emailsOf(userId)).toHaveLength(1);
  });

  it('keeps the mail of an unknown recipient, and addresses it once they register', async () => {
    const userId = newId();
    await host.deliver(confirmed(userId));
    expect(await emailsOf(userId)).toMatchObject([{ status: 'kept', to_address: '' }]);
    expect((await emailsOf(userId))[0].body.startsWith('Hello,')).toBe(true);
    await register(userId);
    expect(await emailsOf(userId)).toMatchObject([{ status: 'pending', to_address: `${userId}@example.com` }]);
    await sendDue();
    expect(channel.sent.map((m) => m.to)).toEqual([`${userId}@example.com`]);
  });

  it('ignores a repeated registration', async () => {
    const userId = newId();
    await register(userId, 'Ada');
    await register(userId, 'Someone else');
    expect(await host.db.query('SELECT name FROM notifications.recipients WHERE user_id = $1', [userId])).toEqual([{ name: 'Ada' }]);
  });

  it('retries a failing send with backoff and gives up after five attempts', async () => {
    const userId = newId();
    await register(userId);
    await host.deliver(confirmed(userId));
    channel.failWith = 'connection refused';
    await sendDue();
    expect(await emailsOf(userId)).toMatchObject([{ status: 'pending', attempts: 1, last_error: 'connection refused' }]);
    await sendDue();
    expect((await emailsOf(userId))[0].attempts).toBe(1);
    for (let i = 2; i <= 5; i++) {
      await host.db.query('UPDATE notifications.outgoing SET next_attempt_at = now() WHERE user_id = $1', [userId]);
      await sendDue();
    }
    expect(await emailsOf(userId)).toMatchObject([{ status: 'failed', attempts: 5, last_error: 'connection refused' }]);
    expect(channel.sent).toEqual([]);
  });

  it('sends a backlog larger than one batch in one run', async () => {
    const userId = newId();
    await register(userId);
    for (let i = 0; i < 25; i++) await host.deliver(confirmed(userId));
    await sendDue();
    expect(channel.sent).toHaveLength(25);
  });

  it('tells of every step of an order', async () => {
    const userId = newId();
    const orderId = newId();
    await register(userId);
    const base = { orderId, customerId: userId };
    await host.deliver(
      host.event('order.placed', {
        ...base,
        items: [{ productId: newId(), quantity: 2, unitPriceCents: 500 }],
        totalCents: 1_000,
        currency: 'EUR',
      }),
    );
    await host.deliver(host.event('order.confirmed', { ...base, totalCents: 1_000, currency: 'EUR' }));
    await host.deliver(host.event('order.cancelled', { ...base, reason: 'customer_cancelled', previousStatus: 'CONFIRMED' }));
    await host.deliver(host.event('payment.refunded', { ...base, paymentId: newId(), amountCents: 1_000, currency: 'EUR' }));
    await host.deliver(host.event('order.rejected', { orderId: newId(), customerId: userId, reason: 'insufficient_stock' }));
    expect((await noticesOf(userId)).map((n) => n.kind)).toEqual([
      'order.placed',
      'order.confirmed',
      'order.cancelled',
      'payment.refunded',
      'order.rejected',
    ]);
    expect(await emailsOf(userId)).toHaveLength(5);
  });
});
