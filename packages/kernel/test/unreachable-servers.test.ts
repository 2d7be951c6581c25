import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError, MemoryCache, openPostgres, RedisCache, rateLimitHook, type Cache } from '../src/index.ts';

// Port 1 on loopback: nothing listens, so every connection is refused at once.
const NOWHERE = '127.0.0.1:1';

describe('a server out of reach', () => {
  it('makes database calls fail with a 503 the client may retry, not a 500', async () => {
    const db = await openPostgres(`postgres://postgres@${NOWHERE}/none`);
    const failure = await db.query('SELECT 1').catch((e) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(await db.transaction(async (tx) => tx.query('SELECT 1')).catch((e) => e)).toMatchObject({
      status: 503,
      code: 'database_unavailable',
    });
    await db.close();
  });

  it('makes cache calls fail with a 503, not a 500', async () => {
    const cache = new RedisCache(`redis://${NOWHERE}`, 'unreachable');
    expect(await cache.get('k').catch((e) => e)).toMatchObject({ status: 503, code: 'cache_unavailable' });
    expect(await cache.incr('k', 1000).catch((e) => e)).toMatchObject({ status: 503, code: 'cache_unavailable' });
    await cache.close();
  });
});

describe('rate limits', () => {
  async function gateway(cache: Cache) {
    const app = Fastify();
    app.decorateRequest('principal', null);
    app.addHook('onRequest', rateLimitHook({ cache, max: 2, windowMs: 60_000 }));
    app.get('/x', () => ({ ok: true }));
    await app.ready();
    return app;
  }

  it('answer 429 past the limit', async () => {
    const app = await gateway(new MemoryCache());
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.inject({ url: '/x' })).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('let requests through while their counter store is unreachable', async () => {
    const broken = new MemoryCache();
    broken.incr = () => Promise.reject(new AppError(503, 'cache_unavailable', 'down'));
    const app = await gateway(broken);
    for (let i = 0; i < 4; i++) expect((await app.inject({ url: '/x' })).statusCode).toBe(200);
  });
});
