import { z } from 'zod';
import { pageOf, pageQuery, uuid } from './common.ts';

export const notification = z.object({
  id: uuid,
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  orderId: uuid.nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notification>;

export const notificationListQuery = pageQuery.extend({ unread: z.enum(['true', 'false']).optional() });

export const notificationPage = pageOf(notification).extend({ unreadCount: z.number().int() });

/** pending: waiting for SMTP; kept: stored only (no SMTP configured or no known address); failed: gave up. */
export const EMAIL_STATUSES = ['pending', 'sent', 'kept', 'failed'] as const;
export const emailStatus = z.enum(EMAIL_STATUSES);
export type EmailStatus = z.infer<typeof emailStatus>;

export const emailRecord = z.object({
  id: uuid,
  userId: uuid,
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: emailStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type EmailRecord = z.infer<typeof emailRecord>;

export const phoneNumber = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an international number such as +447700900123');

/** How a customer hears about their orders besides in the app: by email (the default) and by SMS. */
export const notificationPreferences = z.object({ email: z.boolean(), sms: z.boolean(), phone: z.string().nullable() });
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

export const notificationPreferencesInput = z
  .object({ email: z.boolean(), sms: z.boolean(), phone: phoneNumber.nullable().optional() })
  .refine((p) => !p.sms || !!p.phone, { path: ['phone'], message: 'SMS needs a phone number' });
