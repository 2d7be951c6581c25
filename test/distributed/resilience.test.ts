import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { http } from '../support/process.ts';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ADMIN, NATS_URL, customer, describeDistributed, dropNamespace, login, startTestCluster, type TestCluster } from './support.ts';
import type { Json } from '../support/json.ts';

describeDistributed('gateway resilience in the distributed mode', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startTestCluster({
      env: { RATE_LIMIT_MAX: '200', RATE_LIMIT_WINDOW: '60s', BREAKER_FAILURES: '3', BREAKER_COOLDOWN: '3s', UPSTREAM_TIMEOUT: '2s' },
    });
  }, 200_000);

  afterAll(async () => {
    await cluster?.stop('SIGKILL');
    if (cluster) await dropNamespace(cluster.namespace);
  });

  it('limits each client separately and answers 429 with Retry-After', async () => {
    const a = await customer(cluster.gatewayUrl);
    const b = await customer(cluster.gatewayUrl);
    // Windows are fixed (aligned to the minute): start the burst well inside one, so it cannot straddle two.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 100));
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(
        ...(await Promise.all(Array.from({ length: 40 }, () => http(cluster.gatewayUrl, 'GET', '/api/users/me', { token: a.token })))),
      );
    const limited = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200).length).toBeLessThanOrEqual(200);
    expect(limited.length).toBeGreaterThanOrEqual(40);
    expect(limited[0].body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited[0].headers.get('content-type')).toContain('application/problem+json');
    expect((await http(cluster.gatewayUrl, 'GET', '/api/users/me', { token: b.token })).status).toBe(200);
    expect((await http(cluster.gatewayUrl, 'GET', '/health/ready')).status).toBe(200);
  });

  it('parks a poisoned event in the dead-letter stream, lists it and replays it to the one consumer that failed', async () => {
    const admin = await login(cluster.gatewayUrl, ADMIN.email, ADMIN.password);
    const nc = await connect({ servers: NATS_URL });
    const eventId = '0190a000-0000-7000-8000-0000000000d1';
    const poisoned = {
      id: eventId,
      type: 'inventory.reserved',
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: eventId,
      correlationId: eventId,
      causationId: null,
      payload: { orderId: 'not-a-uuid' },
    };
    await jetstream(nc).publish(`${cluster.namespace}.events.inventory.reserved`, JSON.stringify(poisoned), { msgID: eventId });
    await nc.close();

    let letter: Json;
    for (let i = 0; i < 60 && !letter; i++) {
      await new Promise((r) => setTimeout(r, 250));
      letter = (await http(cluster.gatewayUrl, 'GET', '/api/admin/dead-letters', { token: admin })).body.items.find(
        (d: Json) => d.eventId === eventId,
      );
    }
    expect(letter).toMatchObject({ consumer: 'orders', type: 'inventory.reserved' });
    expect(letter.error).toMatch(/invalid/);
    expect(
      (await http(cluster.gatewayUrl, 'GET', '/api/admin/dead-letters', { token: (await customer(cluster.gatewayUrl)).token })).status,
    ).toBe(403);

    const replay = await http(cluster.gatewayUrl, 'POST', `/api/admin/dead-letters/${letter.id}/replay`, { token: admin });
    expect(replay.status).toBe(202);
    // Still poisoned, so it comes back as a new dead letter of the same event; the replayed one is gone.
    let again: Json;
    for (let i = 0; i < 60 && !again; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const items = (await http(cluster.gatewayUrl, 'GET', '/api/admin/dead-letters', { token: admin })).body.items;
      again = items.find((d: Json) => d.eventId === eventId && d.id !== letter.id);
      expect(items.some((d: Json) => d.id === letter.id)).toBe(false);
    }
    expect(again).toMatchObject({ consumer: 'orders' });
    expect((await http(cluster.gatewayUrl, 'POST', `/api/admin/dead-letters/${letter.id}/replay`, { token: admin })).status).toBe(404);
  });

  it('opens the circuit of a dead upstream and answers 503 at once, then closes it when the upstream is back', async () => {
    const admin = await login(cluster.gatewayUrl, ADMIN.email, ADMIN.password);
    const catalog = cluster.processes.find((p) => p.name === 'catalog')!;
    catalog.child.kill('SIGKILL');
    await new Promise((r) => catalog.child.once('exit', r));

    const first = await http(cluster.gatewayUrl, 'GET', '/api/products', { token: admin });
    expect(first.status).toBe(502);
    expect(first.body.code).toBe('upstream_unavailable');
    let open: Response | null = null;
    for (let i = 0; i < 3 && !open; i++) {
      const started = Date.now();
      const res = await fetch(`${cluster.gatewayUrl}/api/products`, { headers: { authorization: `Bearer ${admin}` } });
      if (res.status === 503) {
        expect(Date.now() - started).toBeLessThan(500);
        open = res;
      }
    }
    expect(open, 'the breaker opened after BREAKER_FAILURES failures').not.toBeNull();
    expect(open!.headers.get('content-type')).toContain('application/problem+json');
    expect((await open!.json()).code).toBe('circuit_open');
    expect(Number(open!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other upstreams are not affected by catalog's breaker.
    expect((await http(cluster.gatewayUrl, 'GET', '/api/orders', { token: admin })).status).toBe(200);

    // Bring catalog back on the same address: after the cool-down one trial call closes the breaker.
    const revived = spawn(process.execPath, ['--conditions=@mercato/source', '--import', 'tsx', 'bin/mercato.ts', 'serve', 'catalog'], {
      env: { ...process.env, ...cluster.env, PORT: new URL(catalog.url).port, HOST: '127.0.0.1', SERVICE_URLS: serviceUrlsOf(cluster) },
      stdio: 'ignore',
    });
    try {
      for (let i = 0; i < 300; i++) {
        const up = await fetch(`${catalog.url}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await new Promise((r) => setTimeout(r, 3000));
      expect((await http(cluster.gatewayUrl, 'GET', '/api/products', { token: admin })).status).toBe(200);
    } finally {
      revived.kill('SIGKILL');
    }
  }, 90_000);
});

function serviceUrlsOf(cluster: TestCluster): string {
  const names = [...new Set(cluster.processes.filter((p) => p.name !== 'gateway').map((p) => p.name))];
  return names
    .map(
      (n) =>
        `${n}=${cluster.processes
          .filter((p) => p.name === n)
          .map((p) => p.url)
          .join('|')}`,
    )
    .join(',');
}
