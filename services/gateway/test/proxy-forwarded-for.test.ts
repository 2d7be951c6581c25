import { createHttpApp, createLogger, createMetrics, HealthChecks, unauthorized, type HttpApp } from '@mercato/kernel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProxy, Upstream } from '../src/index.ts';

/** The gateway's proxy in front of an upstream that answers with the X-Forwarded-For it was sent. */
let upstream: Server;
let gateway: HttpApp;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ forwardedFor: req.headers['x-forwarded-for'] ?? null }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  gateway = await createHttpApp({
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    health: new HealthChecks(),
    verifier: { verify: () => Promise.reject(unauthorized()) },
  });
  registerProxy(gateway, [{ prefix: '/api/things', upstream: new Upstream('things', [url], { failures: 5, cooldownMs: 1_000 }) }], {
    timeoutMs: 2_000,
  });
  await gateway.ready();
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('the proxy', () => {
  it('tells the service the address the client connected from', async () => {
    const res = await gateway.inject({ url: '/api/things', remoteAddress: '203.0.113.9' });
    expect(res.json().forwardedFor).toBe('203.0.113.9');
  });

  it('replaces an X-Forwarded-For the client sent rather than passing or appending to it', async () => {
    const res = await gateway.inject({ url: '/api/things', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '198.51.100.1' } });
    expect(res.json().forwardedFor).toBe('203.0.113.9');
  });
});
