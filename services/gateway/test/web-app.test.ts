import { createHttpApp, createLogger, createMetrics, HealthChecks, unauthorized, type HttpApp } from '@mercato/kernel';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAppRoutes } from '../src/web/web-app.ts';

const INDEX = '<!doctype html><title>Mercato</title><div id="app"></div>';
const BUNDLE = 'console.log("storefront")';

async function gatewayServing(distDir: string): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    health: new HealthChecks(),
    verifier: { verify: async () => { throw unauthorized(); } },
    docs: { title: 'test', version: '0' },
  });
  app.get('/api/things', async () => ({ items: [] }));
  await webAppRoutes(app, distDir);
  await app.ready();
  return app;
}

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('with a built web app', () => {
  // dist sits in a folder of its own, next to a file no URL may reach.
  const parent = mkdtempSync(join(tmpdir(), 'mercato-web-'));
  const dist = join(parent, 'dist');
  let app: HttpApp;

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-4f9a2c1b.js'), BUNDLE);
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(parent, 'outside-web-root.txt'), 'secret');
    app = await gatewayServing(dist);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('serves index.html at / without caching it', async () => {
    for (const headers of [html, {}]) {
      const res = await app.inject({ url: '/', headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    }
  });

  it('serves hashed assets with a long cache, other files revalidated', async () => {
    const js = await app.inject({ url: '/assets/index-4f9a2c1b.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toBe(BUNDLE);
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'HEAD', url: '/assets/index-4f9a2c1b.js' })).statusCode).toBe(200);
  });

  it('answers a browser’s request for any page of the app with index.html', async () => {
    for (const url of ['/products/0190a000-0000-7000-8000-000000000001', '/orders?status=PENDING', '/admin/dashboard']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    }
  });

  it('keeps problem+json 404s for the API, docs, health and metrics, for non-HTML requests and other methods', async () => {
    const misses: Array<[string, string, Record<string, string>]> = [
      ['GET', '/api/nowhere', html],
      ['GET', '/api', html],
      ['GET', '/health/nowhere', html],
      ['GET', '/metrics/x', html],
      ['GET', '/products/1', { accept: 'application/json' }],
      ['GET', '/assets/missing-123.js', { accept: '*/*' }],
      ['POST', '/products', html],
    ];
    for (const [method, url, headers] of misses) {
      const res = await app.inject({ method: method as 'GET', url, headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('not_found');
    }
    expect((await app.inject({ url: '/api/things' })).json()).toEqual({ items: [] });
    expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/docs/json' })).statusCode).toBe(200);
  });

  it('never serves a file outside the web root', async () => {
    for (const url of ['/../outside-web-root.txt', '/%2e%2e/outside-web-root.txt', '/assets/..%2f..%2foutside-web-root.txt']) {
      const res = await app.inject({ url, headers: { accept: '*/*' } });
      expect(res.body).not.toContain('secret');
    }
  });
});

describe('without a built web app', () => {
  let app: HttpApp;
  beforeAll(async () => {
    app = await gatewayServing(join(tmpdir(), `mercato-no-web-${process.pid}`));
  });
  afterAll(() => app?.close());

  it('says at / that the app is not built and how to build it', async () => {
    const res = await app.inject({ url: '/', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('not built');
    expect(res.body).toContain('npm run build -w apps/web');
  });

  it('leaves every other path to the API’s 404', async () => {
    const res = await app.inject({ url: '/products/1', headers: html });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
