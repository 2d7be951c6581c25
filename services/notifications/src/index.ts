import type { EventSchemas } from '@mercato/contracts';
import { defineService, type EventHandler } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { smtpChannel, type EmailChannel } from './channels/email.ts';
import { outgoingSender } from './channels/outgoing-sender.ts';
import { webhookSmsChannel, type SmsChannel } from './channels/sms.ts';
import { CUSTOMER_EVENTS } from './domain/messages.ts';
import { onCustomerEvent } from './handlers/customer-events.ts';
import { onUserRegistered } from './handlers/recipients.ts';
import { notificationsRoutes } from './http/routes.ts';
import { notificationsSettings } from './settings.ts';

export type { EmailChannel, OutgoingEmail } from './channels/email.ts';
export type { OutgoingSms, SmsChannel } from './channels/sms.ts';

/**
 * Notifications: an in-app notice for every step of a customer's order, and an email and an SMS as
 * they prefer. Mail goes out through `channels.email`, else through SMTP when SMTP_URL is set; SMS
 * through `channels.sms`, else the gateway at SMS_URL; without either, messages are only kept.
 */
export function createNotificationsService(channels: { email?: EmailChannel; sms?: SmsChannel } = {}) {
  return defineService<EventSchemas>()({
    name: 'notifications',
    publicPaths: ['/api/notifications', '/api/admin/emails', '/api/admin/sms'],
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    settings: notificationsSettings,
    create(ctx) {
      const email = channels.email ?? (ctx.settings.SMTP_URL ? smtpChannel(ctx.settings.SMTP_URL) : null);
      const sms = channels.sms ?? (ctx.settings.SMS_URL ? webhookSmsChannel(ctx.settings.SMS_URL) : null);
      const customerEvent = onCustomerEvent({ email: email !== null, sms: sms !== null });
      const handlers: Record<string, EventHandler> = {
        'user.registered': onUserRegistered(email !== null),
        ...Object.fromEntries(CUSTOMER_EVENTS.map((type) => [type, customerEvent])),
      };
      const from = ctx.settings.MAIL_FROM;
      return {
        routes: (app) => notificationsRoutes(app, ctx),
        handlers,
        timers: [
          ...(email
            ? [outgoingSender(ctx.db, 'email', (m) => email.send({ from, to: m.to, subject: m.subject, text: m.body }), ctx.logger)]
            : []),
          ...(sms ? [outgoingSender(ctx.db, 'sms', (m) => sms.send({ to: m.to, text: m.body }), ctx.logger)] : []),
        ],
      };
    },
  });
}

export const notificationsService = createNotificationsService();
