import {
  emailRecord,
  idParams,
  notification,
  notificationListQuery,
  notificationPage,
  notificationPreferences,
  notificationPreferencesInput,
  pageOf,
  pageQuery,
} from '@mercato/contracts';
import { adminOnly, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { markAllRead } from '../app/mark-all-read.ts';
import { markRead } from '../app/mark-read.ts';
import { setPreferences } from '../app/set-preferences.ts';
import { listOutgoing } from '../db/outgoing-repo.ts';
import { findAudience } from '../db/recipients-repo.ts';
import { listNotifications } from '../db/notifications-repo.ts';

const tags = ['notifications'];
const security = [{ bearerAuth: [] }];

export function notificationsRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;

  app.get(
    '/api/notifications',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The caller's notifications, newest first",
        security,
        querystring: notificationListQuery,
        response: { 200: notificationPage },
      },
    },
    async (req) => {
      const { userId } = requireUser(req);
      const { page, pageSize, unread } = req.query;
      const found = await listNotifications(db, { userId, page, pageSize, unread: unread === undefined ? undefined : unread === 'true' });
      return { ...found, page, pageSize };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      ...signedIn,
      schema: { tags, summary: 'Mark one of your notifications read', security, params: idParams, response: { 200: notification } },
    },
    async (req) => markRead(db, requireUser(req).userId, req.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    { ...signedIn, schema: { tags, summary: 'Mark all your notifications read', security } },
    async (req, reply) => {
      await markAllRead(db, requireUser(req).userId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/notifications/preferences',
    {
      ...signedIn,
      schema: { tags, summary: 'How you hear about your orders besides in the app', security, response: { 200: notificationPreferences } },
    },
    async (req) => (await findAudience(db, requireUser(req).userId)).preferences,
  );

  app.put(
    '/api/notifications/preferences',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Choose email and SMS (an SMS needs an international phone number)',
        security,
        body: notificationPreferencesInput,
        response: { 200: notificationPreferences },
      },
    },
    async (req) => setPreferences(db, requireUser(req).userId, req.body),
  );

  for (const [channel, path, what] of [
    ['email', '/api/admin/emails', 'email'],
    ['sms', '/api/admin/sms', 'SMS'],
  ] as const) {
    app.get(
      path,
      {
        ...adminOnly,
        schema: {
          tags,
          summary: `The ${what} outbox, newest first (admin)`,
          security,
          querystring: pageQuery,
          response: { 200: pageOf(emailRecord) },
        },
      },
      async (req) => {
        const { page, pageSize } = req.query;
        return { ...(await listOutgoing(db, channel, page, pageSize)), page, pageSize };
      },
    );
  }
}
