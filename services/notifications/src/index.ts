import type { EventSchemas } from '@mercato/contracts';
import type { EventHandler, ServiceModule } from '@mercato/kernel';
import { fileURLToPath } from 'node:url';
import { smtpChannel, type EmailChannel } from './channels/email.ts';
import { emailSender } from './channels/email-sender.ts';
import { CUSTOMER_EVENTS } from './domain/messages.ts';
import { onCustomerEvent } from './handlers/customer-events.ts';
import { onUserRegistered } from './handlers/recipients.ts';
import { notificationsRoutes } from './http/routes.ts';

export type { EmailChannel, OutgoingEmail } from './channels/email.ts';

/**
 * Notifications: an in-app notice and an email for every step of a customer's order. Mail goes
 * out through `channel`, else through SMTP when SMTP_URL is set, else it is only kept in the outbox.
 */
export function createNotificationsService(channel?: EmailChannel): ServiceModule<EventSchemas> {
  return {
    name: 'notifications',
    publicPaths: ['/api/notifications', '/api/admin/emails'],
    migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
    async create(ctx) {
      const email = channel ?? (ctx.config.SMTP_URL ? smtpChannel(ctx.config.SMTP_URL) : null);
      const delivering = email !== null;
      const customerEvent = onCustomerEvent(delivering);
      const handlers: Record<string, EventHandler> = {
        'user.registered': onUserRegistered(delivering),
        ...Object.fromEntries(CUSTOMER_EVENTS.map((type) => [type, customerEvent])),
      };
      return {
        routes: (app) => notificationsRoutes(app, ctx),
        handlers,
        timers: email ? [emailSender(ctx.db, email, ctx.config.MAIL_FROM, ctx.logger)] : [],
      };
    },
  };
}

export const notificationsService = createNotificationsService();
