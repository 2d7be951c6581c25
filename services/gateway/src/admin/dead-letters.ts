import { deadLetter, idParams } from '@mercato/contracts';
import { notFound, adminOnly, type EventBus, type HttpApp } from '@mercato/kernel';
import { z } from 'zod';

const tags = ['admin'];
const security = [{ bearerAuth: [] }];

/** Events that exhausted their retries: ops look at them, fix the cause, and replay. */
export function deadLetterRoutes(app: HttpApp, bus: EventBus) {
  app.get(
    '/api/admin/dead-letters',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Events that exhausted their retries (admin)',
        security,
        response: { 200: z.object({ items: z.array(deadLetter) }) },
      },
    },
    async () => ({ items: await bus.listDeadLetters() }),
  );

  app.post(
    '/api/admin/dead-letters/:id/replay',
    { ...adminOnly, schema: { tags, summary: 'Deliver a dead letter again (admin)', security, params: idParams } },
    async (req, reply) => {
      if (!(await bus.replayDeadLetter(req.params.id))) throw notFound('Dead letter');
      return reply.code(202).send({ replayed: req.params.id });
    },
  );
}
