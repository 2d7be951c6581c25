import type { EventSchemas } from '@mercato/contracts';
import type { EventHandler, ServiceModule } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { smtpChannel, type EmailChannel } from './channels/email.ts';
import { outgoingSender } from './channels/outgoing-sender.ts';
import { webhookSmsChannel, type SmsChannel } from './channels/sms.ts';
import { CUSTOMER_EVENTS } from './domain/messages.ts';
import { onCustomerEvent } from './handlers/customer-events.ts';
import { onUserRegistered } from './handlers/recipients.ts';
import { notificationsRoutes } from './http/routes.ts';

export type { EmailChannel, OutgoingEmail } from './channels/email.ts';
export type { OutgoingSms, SmsChannel } from './channels/sms.ts';

/**
 * Notifications: an in-app notice for every step of a customer's order, and an email and an SMS as
 * they prefer. Mail goes out through `channels.email`, else through SMTP when SMTP_URL is set; SMS
 * through `channels.sms`, else the gateway at SMS_URL; without either, messages are only kept.
 */
export function createNotificationsService(channels: { email?: EmailChannel; sms?: SmsChannel } = {}): ServiceModule<EventSchemas> {
  return {
    name: 'notifications',
    publicPaths: ['/api/notifications', '/api/admin/emails', '/api/admin/sms'],
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    async create(ctx) {
      const email = channels.email ?? (ctx.config.SMTP_URL ? smtpChannel(ctx.config.SMTP_URL) : null);
      const sms = channels.sms ?? (ctx.config.SMS_URL ? webhookSmsChannel(ctx.config.SMS_URL) : null);
      const customerEvent = onCustomerEvent({ email: email !== null, sms: sms !== null });
      const handlers: Record<string, EventHandler> = {
        'user.registered': onUserRegistered(email !== null),
        ...Object.fromEntries(CUSTOMER_EVENTS.map((type) => [type, customerEvent])),
      };
      const from = ctx.config.MAIL_FROM;
      return {
        routes: (app) => notificationsRoutes(app, ctx),
        handlers,
        timers: [
          ...(email ? [outgoingSender(ctx.db, 'email', (m) => email.send({ from, to: m.to, subject: m.subject, text: m.body }), ctx.logger)] : []),
          ...(sms ? [outgoingSender(ctx.db, 'sms', (m) => sms.send({ to: m.to, text: m.body }), ctx.logger)] : []),
        ],
      };
    },
  };
}

export const notificationsService = createNotificationsService();
