import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, createLogger, createMetrics, HealthChecks, unauthorized, type HttpApp } from '../src/index.ts';

/** A minimal app from the one HTTP factory: a few routes with schemas, nothing of the shop. */
async function minimalApp(opts: { trustProxy?: boolean; bodyLimit?: number } = {}): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    health: new HealthChecks(),
    verifier: { verify: () => Promise.reject(unauthorized()) },
    docs: { title: 'test', version: '0' },
    ...opts,
  });
  app.get('/api/things', { schema: { querystring: z.object({ q: z.string().max(200).optional() }) } }, (req) => ({
    q: req.query.q ?? null,
  }));
  app.get('/api/things/:id', { schema: { params: z.object({ id: z.string() }) } }, (req) => ({ id: req.params.id }));
  app.get('/api/big', () => ({ items: Array.from({ length: 500 }, (_, i) => ({ id: i, name: `product number ${i}` })) }));
  app.post(
    '/api/things',
    {
      schema: {
        body: z.object({
          name: z.string().max(100),
          address: z.object({ lines: z.array(z.string()) }).optional(),
          attributes: z.record(z.string(), z.string()).optional(),
        }),
      },
    },
    (req) => ({ ok: true, name: req.body.name }),
  );
  await app.ready();
  return app;
}

const listen = async (app: HttpApp) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as { port: number }).port;
};

const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) => {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(res.body);
  expect(body).toMatchObject({ status, code, type: `https://mercato.dev/problems/${code}` });
  return body;
};

describe('security headers', () => {
  let app: HttpApp;
  let proxied: HttpApp;
  beforeAll(async () => {
    app = await minimalApp();
    proxied = await minimalApp({ trustProxy: true });
  });
  afterAll(async () => {
    await app?.close();
    await proxied?.close();
  });

  it('are on every response: JSON, problem+json, health', async () => {
    for (const url of ['/api/things', '/api/nowhere', '/health/live', '/api/things?q=' + 'x'.repeat(300)]) {
      const res = await app.inject({ url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('give Swagger UI at /docs its own policy, inline styles allowed but no inline script', async () => {
    const res = await app.inject({ url: '/docs' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('send HSTS only over TLS, taken from X-Forwarded-Proto only behind a trusted proxy', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    expect((await app.inject({ url: '/api/things', headers: https })).headers['strict-transport-security']).toBeUndefined();
    expect((await proxied.inject({ url: '/api/things', headers: https })).headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect((await proxied.inject({ url: '/api/things' })).headers['strict-transport-security']).toBeUndefined();
  });
});

describe('compression', () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await minimalApp();
  });
  afterAll(() => app?.close());

  it('compresses JSON with brotli or gzip, as the client accepts', async () => {
    const plain = await app.inject({ url: '/api/big' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({ url: '/api/big', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await app.inject({ url: '/api/big', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it('leaves small answers alone', async () => {
    const res = await app.inject({ url: '/api/things', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});

describe('strings PostgreSQL cannot store', () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await minimalApp();
  });
  afterAll(() => app?.close());

  const post = (payload: string) =>
    app.inject({ method: 'POST', url: '/api/things', headers: { 'content-type': 'application/json' }, payload });

  it('refuses a NUL in a query parameter with 400 naming it', async () => {
    const body = expectProblem(await app.inject({ url: '/api/things?q=%00' }), 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'query.q' })]);
  });

  it('refuses a NUL in a path parameter', async () => {
    const body = expectProblem(await app.inject({ url: '/api/things/ab%00cd' }), 400, 'validation_failed');
    expect(body.errors[0].field).toBe('params.id');
  });

  it('refuses a NUL or an unpaired surrogate anywhere in a JSON body, keys included', async () => {
    const cases: Array<[string, string]> = [
      ['{"name":"a\\u0000b"}', 'body.name'],
      ['{"name":"\\ud800"}', 'body.name'],
      ['{"name":"x\\udc00y"}', 'body.name'],
      ['{"name":"ok","address":{"lines":["fine","bad\\ud83d"]}}', 'body.address.lines.1'],
      ['{"name":"ok","attributes":{"colour":"\\u0000"}}', 'body.attributes.colour'],
      ['{"name":"ok","attributes":{"k\\u0000":"v"}}', 'body.attributes.k\uFFFD'],
    ];
    for (const [payload, field] of cases) {
      const body = expectProblem(await post(payload), 400, 'validation_failed');
      expect(
        body.errors.map((e: { field: string }) => e.field),
        payload,
      ).toContain(field);
    }
  });

  it('accepts proper Unicode, astral characters (surrogate pairs) included', async () => {
    const res = await post(JSON.stringify({ name: 'Zoë 🛒 日本', attributes: { '🎨': 'bleu' } }));
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('Zoë 🛒 日本');
  });

  it('survives a deeply nested body without a 500', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const res = await post(`{"name":"x","deep":${deep}}`);
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('framework errors', () => {
  let app: HttpApp;
  let port: number;
  beforeAll(async () => {
    app = await minimalApp();
    port = await listen(app);
  });
  afterAll(() => app?.close());

  it('a path parameter over 100 characters: 414 problem+json uri_too_long', async () => {
    const res = await app.inject({ url: `/api/things/${'a'.repeat(150)}` });
    expectProblem(res, 414, 'uri_too_long');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('broken percent-encoding: 400 problem+json bad_url', async () => {
    for (const url of ['/api/things/%E0%A4%A', '/api/things/%zz']) {
      const res = await app.inject({ url });
      expectProblem(res, 400, 'bad_url');
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('a request Node cannot parse: problem+json on the socket', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /api/things HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'bad_request' });
  });
});

describe('an oversized body', () => {
  let app: HttpApp;
  let port: number;
  beforeAll(async () => {
    app = await minimalApp();
    port = await listen(app);
  });
  afterAll(() => app?.close());

  /** Sends 2 MB as fast as the socket takes it, as a real client does, and reads the answer. */
  const upload = (chunked: boolean) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const body = Buffer.alloc(2 * 1024 * 1024, 'a');
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/things',
          agent: false,
          headers: { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': body.length }) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (chunked) {
        for (let i = 0; i < 32; i++) req.write(body.subarray(i * 65536, (i + 1) * 65536));
        req.end();
      } else req.end(body);
    });

  /** A client that reads nothing until it has sent its whole upload: a reset would flush the 413 away unread. */
  const uploadThenRead = () =>
    new Promise<string>((resolve, reject) => {
      // More than the loopback's socket buffers hold, less than the server drains.
      const size = 12 * 1024 * 1024;
      const socket = connect(port, '127.0.0.1');
      socket.pause();
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('error', (e) => reject(e));
      socket.on('end', () => resolve(data));
      socket.write(
        `POST /api/things HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`,
      );
      socket.write(Buffer.alloc(size, 'a'), () => socket.resume());
    });

  it('lets a client that reads only after sending read the 413', async () => {
    for (let i = 0; i < 5; i++) {
      const raw = await uploadThenRead();
      expect(raw).toMatch(/^HTTP\/1\.1 413 /);
      expect(raw.toLowerCase()).toContain('content-type: application/problem+json');
    }
  });

  it('keeps the connection usable after draining a refused upload', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const size = 1024 * 1024;
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('error', reject);
      socket.on('end', () => resolve(data));
      socket.write(`POST /api/things HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`);
      socket.write(Buffer.alloc(size, 'a'));
      socket.write('GET /health/live HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n');
    });
    expect(raw).toMatch(/^HTTP\/1\.1 413 /);
    expect(raw).toContain('HTTP/1.1 200 OK');
  });

  it('answers 413 problem+json that the client reads, every time (with a Content-Length and chunked)', async () => {
    for (let i = 0; i < 20; i++) {
      for (const chunked of [false, true]) {
        const res = await upload(chunked);
        expect(res.status).toBe(413);
        expect(res.type).toContain('application/problem+json');
        expect(JSON.parse(res.body).code).toBe('body_too_large');
      }
    }
  }, 60_000);
});
