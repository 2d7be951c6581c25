import http from 'node:http';
import https from 'node:https';

/**
 * Connections to other processes are kept open and reused: opening one costs more than a request.
 * Idle ones close after 30 s, before a Fastify server would close them (72 s), so a request is
 * rarely written to a connection the server is closing.
 */
const KEEP_ALIVE = { keepAlive: true, maxSockets: 256, timeout: 30_000, scheduling: 'lifo' } as const;
const transports = {
  'http:': { request: http.request, agent: new http.Agent(KEEP_ALIVE) },
  'https:': { request: https.request, agent: new https.Agent(KEEP_ALIVE) },
};

export interface OutgoingRequest {
  method: string;
  headers?: http.OutgoingHttpHeaders;
  body?: Buffer | string;
  /** For the whole exchange, from sending to the last byte of the answer. */
  timeoutMs: number;
}

export interface IncomingAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The request got no complete answer within its time. */
export class RequestTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * One HTTP request to another process, its answer read whole. node:http rather than fetch: fetch's
 * web streams, abort signals and header objects cost several times the request itself.
 */
export async function httpRequest(url: URL, req: OutgoingRequest): Promise<IncomingAnswer> {
  try {
    return await exchange(url, req);
  } catch (e) {
    // A kept-alive connection the server closed just as the request went out: the request never
    // reached it, so sending it again on a fresh connection is safe, whatever its method.
    if ((e as { reusedSocket?: boolean }).reusedSocket && (e as NodeJS.ErrnoException).code === 'ECONNRESET') return exchange(url, req);
    throw e;
  }
}

function exchange(url: URL, { method, headers, body, timeoutMs }: OutgoingRequest): Promise<IncomingAnswer> {
  const transport = transports[url.protocol as keyof typeof transports];
  if (!transport) return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
  return new Promise((resolve, reject) => {
    const client = transport.request(url, { method, headers, agent: transport.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode!, headers: res.headers, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => client.destroy(new RequestTimeoutError(`no answer from ${url.host} within ${timeoutMs} ms`)), timeoutMs);
    function fail(e: Error) {
      clearTimeout(timer);
      reject(Object.assign(e, { reusedSocket: client.reusedSocket }));
    }
    client.on('error', fail);
    client.end(body);
  });
}
