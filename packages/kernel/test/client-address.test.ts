import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, createHttpApp, createLogger, createMetrics, HealthChecks, unauthorized, type HttpApp } from '../src/index.ts';

/** An app that answers with the address its throttles would count the request under. */
async function addressApp(trustProxy?: boolean | string): Promise<HttpApp> {
  const app = await createHttpApp({
    logger: createLogger('test', 'silent'),
    metrics: createMetrics('test'),
    health: new HealthChecks(),
    verifier: { verify: () => Promise.reject(unauthorized()) },
    trustProxy,
  });
  app.get('/address', (req, reply) => reply.send({ address: clientAddress(req) }));
  return app;
}

const addressOf = async (app: HttpApp, remoteAddress: string, forwardedFor?: string) =>
  (await app.inject({ url: '/address', remoteAddress, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} })).json().address;

describe('clientAddress', () => {
  let direct: HttpApp;
  let behindGateway: HttpApp;
  beforeAll(async () => {
    direct = await addressApp();
    behindGateway = await addressApp('loopback,10.0.0.0/8');
  });
  afterAll(async () => {
    await direct?.close();
    await behindGateway?.close();
  });

  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', async () => {
    expect(await addressOf(direct, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('is the forwarded address on a connection from a trusted proxy', async () => {
    expect(await addressOf(behindGateway, '127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(await addressOf(behindGateway, '10.1.2.3', '198.51.100.8')).toBe('198.51.100.8');
  });

  it('ignores X-Forwarded-For from anyone but a trusted proxy, so a client cannot choose its address', async () => {
    expect(await addressOf(behindGateway, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });
});
