import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { createNotificationsService, type OutgoingEmail } from '../src/index.ts';

const sent: OutgoingEmail[] = [];
const channel = {
  send(mail: OutgoingEmail) {
    sent.push(mail);
    return Promise.resolve();
  },
};

describe('a sign-in lockout', () => {
  let host: Host;
  const sendDue = () => host.mounted.instance.timers![0]!.run();
  const until = '2026-12-04T15:45:00.000Z';
  const locked = (userId: string, email: string) => host.event('identity.sign_in_locked', { userId, email, until });

  beforeAll(async () => {
    host = await hostService(createNotificationsService({ email: channel }));
  });
  afterAll(() => host?.close());

  it("emails the account's owner and leaves an in-app notice, saying until when and what to do", async () => {
    const userId = newId();
    await host.deliver(host.event('user.registered', { userId, email: 'ada@example.com', name: 'Ada' }));
    await host.deliver(locked(userId, 'ada@example.com'));
    await sendDue();

    const mail = sent.find((m) => m.to === 'ada@example.com');
    expect(mail?.subject).toBe('Sign-in locked');
    expect(mail?.text).toMatch(/^Hi Ada,\n\nThere were several failed attempts to sign in to your account/);
    expect(mail?.text).toContain('locked until Fri, 04 Dec 2026 15:45:00 GMT');
    expect(mail?.text).toContain("If this wasn't you, change your password.");

    const token = host.tokenFor(userId);
    const notices = await host.call('GET', '/api/notifications', { token });
    expect(notices.body.items).toMatchObject([{ kind: 'identity.sign_in_locked', title: 'Sign-in locked', orderId: null, read: false }]);
  });

  it('emails even an owner who turned order emails off, and only once however often the event comes', async () => {
    const userId = newId();
    await host.db.query('INSERT INTO notifications.preferences (user_id, email, sms, phone) VALUES ($1, false, false, null)', [userId]);
    const event = locked(userId, 'grace@example.com');
    await host.deliver(event);
    await host.deliver(event);
    await sendDue();
    expect(sent.filter((m) => m.to === 'grace@example.com')).toHaveLength(1);
  });

  it("tells no one else: the notice is the owner's alone", async () => {
    const owner = newId();
    await host.deliver(locked(owner, 'owner@example.com'));
    const stranger = await host.call('GET', '/api/notifications', { token: host.tokenFor(newId()) });
    expect(stranger.body.items).toEqual([]);
  });
});
