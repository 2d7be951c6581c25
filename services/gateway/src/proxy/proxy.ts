import { httpRequest, problem, sendProblem, type HttpApp } from '@mercato/kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { Upstream } from './upstream.ts';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
]);
/** Safe to send twice: the only requests the gateway retries on another replica. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export interface ProxyOptions {
  timeoutMs: number;
}

class UpstreamFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Forwards each service's public paths to it, unchanged in both directions: the body is passed
 * as raw bytes, so the distributed API answers exactly as the embedded one does.
 */
export function registerProxy(app: HttpApp, routes: Array<{ prefix: string; upstream: Upstream }>, opts: ProxyOptions) {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    for (const { prefix, upstream } of routes) {
      const handler = (req: FastifyRequest, reply: FastifyReply) => forward(req, reply, upstream, opts);
      scope.all(prefix, { schema: { hide: true } }, handler);
      scope.all(`${prefix}/*`, { schema: { hide: true } }, handler);
    }
  });
}

async function forward(req: FastifyRequest, reply: FastifyReply, upstream: Upstream, opts: ProxyOptions) {
  const attempts = IDEMPOTENT.has(req.method) ? 2 : 1;
  let failure: UpstreamFailure | null = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const replica = upstream.pick();
    if (!replica) {
      reply.header('retry-after', upstream.retryAfterSeconds());
      return sendProblem(reply, problem(503, 'circuit_open', `${upstream.name} is unavailable; retry shortly`, req.url));
    }
    try {
      const res = await send(req, replica.url, opts.timeoutMs);
      // 502 and 504 mean the replica itself failed; a 503 is the service's own answer (a database
      // of its is down, say) and goes to the client as it is, with its Retry-After.
      if (res.status === 502 || res.status === 504)
        throw new UpstreamFailure(502, 'upstream_unavailable', `${upstream.name} answered ${res.status}`);
      replica.breaker.succeeded();
      reply.code(res.status);
      for (const [key, value] of Object.entries(res.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(key)) reply.header(key, value);
      }
      return reply.send(res.body);
    } catch (e) {
      replica.breaker.failed();
      failure =
        e instanceof UpstreamFailure
          ? e
          : (e as Error).name === 'TimeoutError'
            ? new UpstreamFailure(504, 'upstream_timeout', `${upstream.name} did not answer within ${opts.timeoutMs} ms`)
            : new UpstreamFailure(502, 'upstream_unavailable', `${upstream.name} is unreachable`);
    }
  }
  return sendProblem(reply, problem(failure!.status, failure!.code, failure!.message, req.url));
}

function send(req: FastifyRequest, base: string, timeoutMs: number) {
  const headers: OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(key)) headers[key] = value;
  }
  headers['x-request-id'] = req.id;
  // Replaced, never appended to: the service behind believes this header, so a client must not write it.
  headers['x-forwarded-for'] = req.ip;
  const body = req.body as Buffer | undefined;
  return httpRequest(new URL(req.url, base), {
    method: req.method,
    headers,
    body: body && body.length && req.method !== 'GET' && req.method !== 'HEAD' ? body : undefined,
    timeoutMs,
  });
}
