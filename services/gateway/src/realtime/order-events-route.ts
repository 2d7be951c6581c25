import { unauthorized, type HttpApp, type TokenVerifier } from '@mercato/kernel';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { OrderUpdates } from './order-updates.ts';

export interface OrderEventsOptions {
  verifier: TokenVerifier;
  updates: OrderUpdates;
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs?: number;
}

/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;

const eventsQuery = z.object({
  access_token: z.string().min(1).max(8192).optional().describe('The access token, for clients that cannot send headers (EventSource)'),
});

/**
 * GET /api/events: a Server-Sent Events stream of the caller's own order changes. EventSource cannot
 * send an Authorization header, so the token may come in the query string instead.
 */
export function orderEventsRoute(app: HttpApp, { verifier, updates, heartbeatMs = 15_000 }: OrderEventsOptions) {
  const open = new Set<ServerResponse>();
  // An open stream never finishes by itself, so shutting down ends them before the server closes.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['realtime'],
        summary: "Live updates of the caller's orders (Server-Sent Events)",
        description:
          'text/event-stream. Each change is an event named `order` whose data is `{orderId, status, statusReason}`; ' +
          'comment lines keep the stream alive. Authenticate with `Authorization: Bearer` or `?access_token=`.',
        security: [{ bearerAuth: [] }],
        querystring: eventsQuery,
      },
    },
    async (req, reply) => {
      const token = req.query.access_token;
      const principal = req.principal ?? (token ? await verifier.verify(token) : null);
      if (!principal) throw unauthorized();

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Tells nginx-style proxies not to buffer the stream.
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${RETRY_MS}\n: connected\n\n`);
      const stopListening = updates.listen(principal.userId, (update) => res.write(`event: order\ndata: ${JSON.stringify(update)}\n\n`));
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      open.add(res);
      res.on('close', () => {
        clearInterval(heartbeat);
        stopListening();
        open.delete(res);
      });
    },
  );
}
