import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { createNotificationsService, type OutgoingEmail, type OutgoingSms } from '../src/index.ts';
import { smsFor } from '../src/domain/messages.ts';

describe('notification preferences and SMS', () => {
  let host: Host;
  const mail: OutgoingEmail[] = [];
  const texts: OutgoingSms[] = [];

  beforeAll(async () => {
    host = await hostService(
      createNotificationsService({
        email: { send: (m) => Promise.resolve(void mail.push(m)) },
        sms: { send: (s) => Promise.resolve(void texts.push(s)) },
      }),
    );
  });
  afterAll(() => host.close());

  const call = (method: 'GET' | 'PUT', url: string, token: string, payload?: object) =>
    host.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
  const sendDue = async () => {
    for (const timer of host.mounted.instance.timers!) await timer.run();
  };
  const customer = async () => {
    const userId = newId();
    await host.deliver(host.event('user.registered', { userId, email: `${userId}@example.com`, name: 'Ada' }));
    return { userId, token: host.tokenFor(userId) };
  };
  const confirm = (customerId: string) =>
    host.deliver(host.event('order.confirmed', { orderId: newId(), customerId, totalCents: 4_250, currency: 'EUR' }));

  it('hears by email until the customer chooses otherwise', async () => {
    const { userId, token } = await customer();
    expect((await call('GET', '/api/notifications/preferences', token)).json()).toEqual({ email: true, sms: false, phone: null });
    await confirm(userId);
    await sendDue();
    expect(mail.filter((m) => m.to === `${userId}@example.com`)).toHaveLength(1);
  });

  it('sends a text instead of an email to a customer who asked for SMS only', async () => {
    const { userId, token } = await customer();
    const saved = await call('PUT', '/api/notifications/preferences', token, { email: false, sms: true, phone: '+447700900123' });
    expect(saved.json()).toEqual({ email: false, sms: true, phone: '+447700900123' });
    const mailBefore = mail.length;
    await confirm(userId);
    await sendDue();
    expect(mail.length).toBe(mailBefore);
    const text = texts.find((t) => t.to === '+447700900123')!;
    expect(text.text).toMatch(/^Mercato: Your order #\w{8} is confirmed/);
    const { items } = (await call('GET', '/api/admin/sms', host.tokenFor(newId(), 'admin'))).json();
    expect(items.find((s: Json) => s.to === '+447700900123')).toMatchObject({ status: 'sent', subject: '' });
    // The in-app notice is there whatever the channels.
    const notices = await host.db.query('SELECT 1 FROM notifications.notifications WHERE user_id = $1', [userId]);
    expect(notices).toHaveLength(1);
  });

  it('needs an international number for SMS, naming the field', async () => {
    const { token } = await customer();
    for (const body of [
      { email: true, sms: true },
      { email: true, sms: true, phone: '07700 900123' },
      { email: true, sms: true, phone: null },
    ]) {
      const res = await call('PUT', '/api/notifications/preferences', token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: Json) => e.field)).toContain('body.phone');
    }
    expect((await call('PUT', '/api/notifications/preferences', token, { email: 'yes', sms: false })).json().errors[0].field).toBe(
      'body.email',
    );
    expect((await host.app.inject({ method: 'GET', url: '/api/notifications/preferences' })).statusCode).toBe(401);
    expect((await call('GET', '/api/admin/sms', token)).statusCode).toBe(403);
  });

  it('keeps a text within two SMS segments', () => {
    const long = smsFor({ kind: 'order.placed', userId: newId(), orderId: newId(), subject: '', title: 't', body: 'x'.repeat(500) });
    expect(long.length).toBe(300);
    expect(long.endsWith('…')).toBe(true);
  });
});
