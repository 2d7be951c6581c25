import { createHttpApp, createLogger, createMetrics, HealthChecks, unauthorized, type HttpApp } from '@mercato/kernel';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../apps/web/scripts/precompress.mjs';
import { webAppRoutes } from '../src/web/web-app.ts';

const INDEX = '<!doctype html><title>Mercato</title><div id="app"></div>';
const BUNDLE = 'console.log("storefront")';

async function gatewayServing(distDir: string): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    health: new HealthChecks(),
    verifier: {
      verify: async () => {
        throw unauthorized();
      },
    },
    docs: { title: 'test', version: '0' },
  });
  app.get('/api/things', async () => ({ items: [] }));
  await webAppRoutes(app, distDir);
  await app.ready();
  return app;
}

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const LARGE_BUNDLE = Array.from({ length: 400 }, (_, i) => `export const item${i} = "storefront component ${i}";`).join('\n');
const LARGE_CSS = Array.from({ length: 300 }, (_, i) => `.c${i} { color: #123456; margin: ${i}px; }`).join('\n');

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
    // A bundle worth compressing, with the .br and .gz copies the web build writes beside it.
    writeFileSync(join(dist, 'assets', 'vendor-9c8d7e6f.js'), LARGE_BUNDLE);
    writeFileSync(join(dist, 'assets', 'styles-1a2b3c4d.css'), LARGE_CSS);
    await precompress(dist);
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

  it('serves the precompressed copy of an asset to a client that accepts it, still cached for a year', async () => {
    const br = await app.inject({ url: '/assets/vendor-9c8d7e6f.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(br.rawPayload.equals(readFileSync(join(dist, 'assets', 'vendor-9c8d7e6f.js.br')))).toBe(true);
    const gz = await app.inject({ url: '/assets/vendor-9c8d7e6f.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(LARGE_BUNDLE);
    const plain = await app.inject({ url: '/assets/vendor-9c8d7e6f.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(LARGE_BUNDLE);
  });

  it('compresses on the fly what has no precompressed copy', async () => {
    rmSync(join(dist, 'assets', 'styles-1a2b3c4d.css.br'));
    const res = await app.inject({ url: '/assets/styles-1a2b3c4d.css', headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.rawPayload.length).toBeLessThan(brotliCompressSync(LARGE_CSS).length * 3);
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
