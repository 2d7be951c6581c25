import { emailRecord, idParams, notification, notificationListQuery, notificationPage, pageOf, pageQuery } from '@mercato/contracts';
import { adminOnly, notFound, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { listEmails } from '../db/emails-repo.ts';
import { listNotifications, markAllRead, markRead } from '../db/notifications-repo.ts';

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
    { ...signedIn, schema: { tags, summary: 'Mark one of your notifications read', security, params: idParams, response: { 200: notification } } },
    async (req) => {
      const { userId } = requireUser(req);
      const updated = await markRead(db, req.params.id, userId);
      if (!updated) throw notFound('Notification');
      return updated;
    },
  );

  app.post(
    '/api/notifications/read-all',
    { ...signedIn, schema: { tags, summary: 'Mark all your notifications read', security } },
    async (req, reply) => {
      const { userId } = requireUser(req);
      await markAllRead(db, userId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/admin/emails',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'The email outbox, newest first (admin)',
        security,
        querystring: pageQuery,
        response: { 200: pageOf(emailRecord) },
      },
    },
    async (req) => {
      const { page, pageSize } = req.query;
      return { ...(await listEmails(db, page, pageSize)), page, pageSize };
    },
  );
}
