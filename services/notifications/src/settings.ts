import { z } from 'zod';

export const notificationsSettings = z.object({
  /** Send emails through this SMTP server; unset keeps them in the local outbox. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Mercato <shop@mercato.local>'),
  /** An SMS gateway's webhook: POST {to, text}. Unset: SMS are kept in the local outbox. */
  SMS_URL: z.string().url().optional(),
});

export type NotificationsSettings = z.output<typeof notificationsSettings>;
