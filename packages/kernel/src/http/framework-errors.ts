import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { problem, PROBLEM_CONTENT_TYPE, sendProblem, STATUS_TITLES } from './problem.ts';
import { BASELINE_SECURITY_HEADERS } from './security.ts';

/**
 * Fastify's `frameworkErrors`: what its router refuses before any hook runs (broken percent-encoding,
 * a path parameter over maxParamLength) answers problem+json like every other error, with the
 * security headers helmet would have set.
 */
export function frameworkErrorHandler(error: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  for (const [name, value] of Object.entries(BASELINE_SECURITY_HEADERS)) reply.header(name, value);
  const url = req.url;
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return sendProblem(reply, problem(400, 'bad_url', 'The URL is not valid (broken percent-encoding)', url));
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendProblem(reply, problem(414, 'uri_too_long', 'A path parameter is longer than the server accepts', url));
    default:
      req.log.error({ err: error }, 'framework error');
      return sendProblem(reply, problem(500, 'internal_error', 'An unexpected error occurred', url));
  }
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout'],
};

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (a malformed request, headers too
 * large, a request that took too long) gets a problem+json too, written on the socket before it closes.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'bad_request'];
  const body = JSON.stringify(problem(status, code, 'The server could not read this HTTP request', '/'));
  const headers = {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...BASELINE_SECURITY_HEADERS,
  };
  if (socket.writable) {
    const head = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_TITLES[status] ?? 'Error'}\r\n${head}\r\n${body}`);
  }
  socket.destroy(err);
}

/** How much of a refused upload is read (and thrown away) so that the client can read the 413. */
export const DRAIN_BYTES = 16 * 1024 * 1024;
export const DRAIN_MS = 10_000;

/**
 * A body over the limit is refused before the client has finished sending it. Closing at once (as
 * Fastify does, with `Connection: close`, and as Node does for a client that asked for it) resets a
 * connection whose unread bytes are still arriving: the reset discards the 413 in the client's
 * receive buffer, and the client sees EPIPE or ECONNRESET instead. So the rest of the upload is read
 * and thrown away, up to a bound in bytes and time, the connection is kept open meanwhile, and it is
 * closed (if the client asked for that) only once both the answer is sent and the upload is over.
 * Past the bound the connection is cut.
 */
export function drainRefusedUpload(req: FastifyRequest, reply: FastifyReply) {
  const raw = req.raw;
  const socket = raw.socket;
  if (raw.complete || raw.destroyed || !socket) return;
  const clientAskedClose = /close/i.test(String(raw.headers.connection ?? '')) || raw.httpVersion === '1.0';
  reply.removeHeader('connection');
  reply.raw.shouldKeepAlive = true;
  let drained = 0;
  let pending = 2; // the answer sent, the upload read
  const timer = setTimeout(() => socket.destroy(), DRAIN_MS);
  timer.unref();
  const done = () => {
    if (--pending > 0) return;
    clearTimeout(timer);
    if (clientAskedClose) socket.end();
  };
  reply.raw.once('finish', done);
  raw.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) {
      clearTimeout(timer);
      socket.destroy();
    }
  });
  raw.once('end', done);
  raw.resume();
}
