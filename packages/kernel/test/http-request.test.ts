import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../src/index.ts';

let server: Server;
let base: string;
const served = new WeakMap<Socket, number>();
let dropReusedConnections = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const count = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, count);
    // A server closing a kept-alive connection just as the next request arrives on it.
    if (dropReusedConnections && count > 1) return req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 500);
      res.setHeader('x-seen-method', req.method!);
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      if (req.url === '/big') return res.end('x'.repeat(300_000));
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end(JSON.stringify({ body: Buffer.concat(chunks).toString(), length: req.headers['content-length'] ?? null }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('httpRequest', () => {
  it('sends the method, headers and body, and reads status, headers and the whole body', async () => {
    const res = await httpRequest(new URL('/echo', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
      timeoutMs: 1000,
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-seen-method']).toBe('POST');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(JSON.parse(res.body.toString())).toEqual({ body: '{"a":1}', length: '7' });
    expect((await httpRequest(new URL('/missing', base), { method: 'GET', timeoutMs: 1000 })).status).toBe(404);
    expect((await httpRequest(new URL('/big', base), { method: 'GET', timeoutMs: 1000 })).body.length).toBe(300_000);
  });

  it('gives up with a TimeoutError when the answer takes longer than its time', async () => {
    await expect(httpRequest(new URL('/slow', base), { method: 'GET', timeoutMs: 100 })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('sends a request again on a new connection when the kept-alive one was closed under it', async () => {
    await httpRequest(new URL('/echo', base), { method: 'GET', timeoutMs: 1000 });
    dropReusedConnections = true;
    try {
      const res = await httpRequest(new URL('/echo', base), { method: 'POST', body: 'once', timeoutMs: 1000 });
      expect(JSON.parse(res.body.toString()).body).toBe('once');
    } finally {
      dropReusedConnections = false;
    }
  });

  it('fails when nothing listens', async () => {
    await expect(httpRequest(new URL('http://127.0.0.1:1/'), { method: 'GET', timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
