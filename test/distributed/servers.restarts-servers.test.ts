import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADDRESS } from '../support/checkout.ts';
import { http } from '../support/process.ts';
import {
  ADMIN,
  allSettled,
  checkInvariants,
  customer,
  describeDistributed,
  dropNamespace,
  login,
  product,
  startTestCluster,
  type TestCluster,
} from './support.ts';

/**
 * Stops and starts the shared PostgreSQL, NATS and Redis under a running cluster while customers
 * keep ordering. Vitest runs this file alone, after everything else (see vitest.config.ts).
 */
const SERVERS = fileURLToPath(new URL('../../bin/local-servers.sh', import.meta.url));
const run = promisify(execFile);
const servers = (action: 'start' | 'stop', name: string) => run('bash', [SERVERS, action, name], { timeout: 60_000 });

const DOWN_FOR_MS = 3000;
const METHODS = ['pm_card_visa', 'pm_card_mastercard', 'pm_card_chargeDeclined'];

describeDistributed('the cluster rides out a restart of PostgreSQL, NATS and Redis', () => {
  let cluster: TestCluster;
  let admin: string;
  let buyers: Array<{ token: string }>;
  const initial = new Map<string, number>();
  const products: string[] = [];
  let afterRestart: string;
  const accepted = new Set<string>();
  let stopped = '';

  beforeAll(async () => {
    // Three buyers ordering in bursts with a declining card in every third order look like card testers to the
    // fraud screening, which would rightly decline them: this test is about the servers, so it is off.
    cluster = await startTestCluster({ replicas: 'orders=2', env: { FRAUD_SCREENING: 'false' } });
    admin = await login(cluster.gatewayUrl, ADMIN.email, ADMIN.password);
    // Plenty of two, too little of the third (some orders are REJECTED), and one kept for the probes.
    for (const onHand of [400, 400, 15, 20]) {
      const p = await product(cluster.gatewayUrl, admin, onHand);
      products.push(p);
      initial.set(p, onHand);
    }
    afterRestart = products.pop()!;
    buyers = await Promise.all(Array.from({ length: 3 }, () => customer(cluster.gatewayUrl)));
  }, 200_000);

  afterAll(async () => {
    // Whatever happened, leave the servers up for whoever comes next.
    if (stopped) await servers('start', stopped);
    await cluster?.stop('SIGKILL');
    if (cluster) await dropNamespace(cluster.namespace);
  }, 90_000);

  /** Customers ordering in a loop until stopped; every 202 is an order the shop must finish. */
  function keepOrdering(tag: string) {
    const answers: Array<{ status: number; sentAt: number; at: number; retryAfter: string | null }> = [];
    let going = true;
    let n = 0;
    const loops = buyers.map(async (buyer, b) => {
      while (going) {
        const i = n++;
        const sentAt = Date.now();
        const res = await http(cluster.gatewayUrl, 'POST', '/api/orders', {
          token: buyer.token,
          headers: { 'idempotency-key': `${tag}-${i}` },
          body: {
            items: [{ productId: products[i % products.length], quantity: 1 + (b % 2) }],
            shippingAddress: ADDRESS,
            paymentMethod: METHODS[i % METHODS.length],
          },
        }).catch(() => null);
        answers.push({ status: res?.status ?? 0, sentAt, at: Date.now(), retryAfter: res?.headers.get('retry-after') ?? null });
        if (res?.status === 202) accepted.add(res.body.id);
        else await new Promise((r) => setTimeout(r, 100));
      }
    });
    return {
      answers,
      stop: async () => {
        going = false;
        await Promise.all(loops);
      },
    };
  }

  async function readiness() {
    return Promise.all(
      cluster.processes.map(async (p) => {
        const res = await fetch(`${p.url}/health/ready`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
        return {
          label: p.label,
          status: res?.status ?? 0,
          checks: res ? ((await res.json()) as { checks: Record<string, string> }).checks : {},
        };
      }),
    );
  }

  async function everyProcessReady(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await readiness();
      if (states.every((s) => s.status === 200)) return;
      if (Date.now() > deadline)
        throw new Error(
          `not ready again: ${JSON.stringify(states.filter((s) => s.status !== 200))}\n${cluster.logs
            .filter((l) => !l.includes('"level":40'))
            .slice(-30)
            .join('\n')}`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const placeWithKey = (key: string) =>
    http(cluster.gatewayUrl, 'POST', '/api/orders', {
      token: buyers[0].token,
      headers: { 'idempotency-key': key },
      body: { items: [{ productId: afterRestart, quantity: 1 }], shippingAddress: ADDRESS, paymentMethod: 'pm_card_visa' },
    });

  /** One order placed after the restart goes all the way to CONFIRMED: every hop works again. */
  async function aFreshOrderConfirms(tag: string) {
    const placed = await placeWithKey(`${tag}-after`);
    expect(placed.status).toBe(202);
    accepted.add(placed.body.id);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const order = (await http(cluster.gatewayUrl, 'GET', `/api/orders/${placed.body.id}`, { token: buyers[0].token })).body;
      if (order.status === 'CONFIRMED') return;
      if (order.status !== 'PENDING' && order.status !== 'AWAITING_PAYMENT')
        throw new Error(`order after the ${tag} restart: ${order.status} ${order.statusReason}`);
      if (Date.now() > deadline) throw new Error(`order after the ${tag} restart stuck in ${order.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // Without NATS the shop still takes orders (their events wait in the outboxes), and without Redis
  // too (the orders database's unique key keeps an Idempotency-Key to one order).
  for (const { server, dependency, takesOrdersWhileDown } of [
    { server: 'postgresql', dependency: 'database', takesOrdersWhileDown: false },
    { server: 'nats', dependency: 'nats', takesOrdersWhileDown: true },
    { server: 'redis', dependency: 'redis', takesOrdersWhileDown: true },
  ]) {
    it(`reconnects by itself after ${server} restarts mid-burst, and reports not-ready meanwhile`, async () => {
      const burst = keepOrdering(server);
      await new Promise((r) => setTimeout(r, 1000));
      await servers('stop', server);
      const downAt = Date.now();
      stopped = server;
      await new Promise((r) => setTimeout(r, DOWN_FOR_MS / 2));
      const during = await readiness();
      const sameKeyTwice = await Promise.all([0, 1].map(() => placeWithKey(`${server}-twice`)));
      await new Promise((r) => setTimeout(r, DOWN_FOR_MS / 2));
      const upAt = Date.now();
      await servers('start', server);
      stopped = '';
      await everyProcessReady();
      await new Promise((r) => setTimeout(r, 1000));
      await burst.stop();

      const lost = during.filter((s) => s.checks[dependency] !== undefined);
      expect(lost.length, 'processes that use the server').toBeGreaterThan(0);
      expect(lost.filter((s) => s.status !== 503 || s.checks[dependency] === 'up')).toEqual([]);
      // While the server was away, an order is either accepted or refused with 503: never a 500.
      expect(burst.answers.filter((a) => a.status !== 202 && a.status !== 503)).toEqual([]);
      expect(burst.answers.filter((a) => a.status === 503 && !a.retryAfter)).toEqual([]);
      // Sent and answered while the server was away.
      const whileDown = burst.answers.filter((a) => a.sentAt > downAt && a.at < upAt);
      expect(whileDown.length).toBeGreaterThan(0);
      expect(whileDown.some((a) => a.status === 202)).toBe(takesOrdersWhileDown);
      expect(burst.answers.filter((a) => a.sentAt > upAt && a.status === 202).length).toBeGreaterThan(0);
      if (takesOrdersWhileDown) {
        expect(sameKeyTwice.map((r) => r.status)).toEqual([202, 202]);
        expect(sameKeyTwice[0].body.id).toBe(sameKeyTwice[1].body.id);
        accepted.add(sameKeyTwice[0].body.id);
      }
      await aFreshOrderConfirms(server);
    }, 180_000);
  }

  it('loses no accepted order: each one terminal, stock conserved, nobody charged twice', async () => {
    const orders = await allSettled(cluster.gatewayUrl, admin, 120_000);
    const ids = new Set(orders.map((o) => o.id));
    expect([...accepted].filter((id) => !ids.has(id))).toEqual([]);
    expect(await checkInvariants(cluster.gatewayUrl, admin, initial, orders)).toEqual([]);
  }, 180_000);
});
