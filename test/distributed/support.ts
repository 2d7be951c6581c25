import { CONFIRMED_STATUSES, type OrderStatus } from '@mercato/contracts';
import { startCluster, type Cluster } from '@mercato/host';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { Socket } from 'node:net';
import pg from 'pg';
import { describe } from 'vitest';
import { http } from '../support/process.ts';
import type { Json } from '../support/json.ts';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN = { email: 'admin@cluster.local', password: 'admin-password-123' };

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.connect(port, '127.0.0.1');
  });
}

const servers = await Promise.all([answers(5432), answers(4222), answers(6379)]);
const down = ['PostgreSQL :5432', 'NATS :4222', 'Redis :6379'].filter((_, i) => !servers[i]);
const required = process.env.CI === 'true' || process.env.MERCATO_REQUIRE_DISTRIBUTED === '1';
if (down.length && required) throw new Error(`the distributed suite needs ${down.join(', ')} (CI makes it mandatory)`);
if (down.length) console.warn(`SKIPPING the distributed suite: ${down.join(', ')} not answering`);

/** describe() when the local servers answer; a printed, reasoned skip otherwise (never in CI). */
export const describeDistributed = down.length ? describe.skip : describe;

export interface TestCluster extends Cluster {
  namespace: string;
  env: Record<string, string>;
  logs: string[];
}

/** A whole cluster in a namespace of its own, so test files never see each other's data. */
export async function startTestCluster(
  opts: { replicas?: string; env?: Record<string, string>; namespace?: string; pickPort?: () => Promise<number> } = {},
): Promise<TestCluster> {
  const namespace = opts.namespace ?? `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const env = {
    DATABASE_URL,
    NATS_URL,
    REDIS_URL,
    MERCATO_NAMESPACE: namespace,
    MERCATO_SEED: 'false',
    MERCATO_ADMIN_EMAIL: ADMIN.email,
    MERCATO_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    EVENT_ACK_WAIT: '3s',
    REGISTRATIONS_PER_ADDRESS_PER_HOUR: '0',
    ...opts.env,
  };
  const logs: string[] = [];
  const cluster = await startCluster({
    env,
    replicas: opts.replicas,
    gatewayPort: 0,
    pickPort: opts.pickPort,
    log: (l) => logs.push(l),
    readyTimeoutMs: 180_000,
  }).catch((e) => {
    console.error(`cluster ${namespace} failed to start:\n${logs.slice(-40).join('\n')}`);
    throw e;
  });
  return { ...cluster, namespace, env, logs };
}

/** Drops everything a namespace created on the shared servers. */
export async function dropNamespace(namespace: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const dbs = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${namespace}\\_%`]);
  for (const { datname } of dbs.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await client.end();
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  for (const stream of [`${namespace}_events`, `${namespace}_dead`]) await jsm.streams.delete(stream).catch(() => {});
  await nc.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${namespace}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

export async function login(base: string, email: string, password: string): Promise<string> {
  const res = await http(base, 'POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

export async function customer(base: string): Promise<{ id: string; token: string }> {
  const email = `c${Math.random().toString(36).slice(2)}@cluster.local`;
  const reg = await http(base, 'POST', '/api/auth/register', { body: { email, password: 'customer-pass-1', name: 'Cluster Customer' } });
  return { id: reg.body.id, token: await login(base, email, 'customer-pass-1') };
}

export async function product(base: string, admin: string, onHand: number, priceCents = 1000): Promise<string> {
  const p = await http(base, 'POST', '/api/products', {
    token: admin,
    body: { sku: `D-${Math.random().toString(36).slice(2)}`, name: 'Distributed product', priceCents, currency: 'EUR', category: 'dist' },
  });
  if (p.status !== 201) throw new Error(`create product: ${p.status} ${JSON.stringify(p.body)}`);
  await http(base, 'PUT', `/api/inventory/${p.body.id}`, { token: admin, body: { onHand } });
  return p.body.id;
}

const TERMINAL = new Set<string>(['REJECTED', 'CANCELLED', ...CONFIRMED_STATUSES]);
const isConfirmed = (o: { status: OrderStatus }) => CONFIRMED_STATUSES.includes(o.status);

/** Waits until every order in the shop is terminal, then returns them all (admin view). */
export async function allSettled(base: string, admin: string, timeoutMs = 60_000): Promise<Json[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const orders: Json[] = [];
    for (let page = 1; ; page++) {
      const res = await http(base, 'GET', `/api/orders?all=true&pageSize=100&page=${page}`, { token: admin });
      orders.push(...res.body.items);
      if (orders.length >= res.body.total || !res.body.items.length) break;
    }
    const open = orders.filter((o) => !TERMINAL.has(o.status));
    if (!open.length) return orders;
    if (Date.now() > deadline) throw new Error(`orders stuck: ${open.map((o) => `${o.id}:${o.status}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The invariants after a run: on-hand = initial − confirmed + returned, nothing reserved, exactly one
 * capture equal to the total for each confirmed order, less only its returns' refunds, and none kept for the others.
 */
export async function checkInvariants(base: string, admin: string, initial: Map<string, number>, orders: Json[]) {
  const sold = new Map<string, number>();
  const add = (productId: string, n: number) => sold.set(productId, (sold.get(productId) ?? 0) + n);
  for (const o of orders.filter(isConfirmed)) for (const l of o.items) add(l.productId, l.quantity);
  // Refunded returns put their items back, and their price is all that was refunded of a kept order.
  const returns = (await http(base, 'GET', '/api/returns?status=REFUNDED&pageSize=100', { token: admin })).body.items;
  const refundedOf = new Map<string, number>();
  for (const r of returns) {
    for (const l of r.items) add(l.productId, -l.quantity);
    refundedOf.set(r.orderId, (refundedOf.get(r.orderId) ?? 0) + r.refundCents);
  }
  const problems: string[] = [];
  for (const [p, start] of initial) {
    const want = start - (sold.get(p) ?? 0);
    let level: Json;
    for (let i = 0; i < 100; i++) {
      level = (await http(base, 'GET', `/api/inventory/${p}`)).body;
      if (level.reserved === 0 && level.onHand === want) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (level.reserved !== 0 || level.onHand !== want) problems.push(`${p}: ${JSON.stringify(level)}, want onHand ${want}`);
  }
  for (const o of orders) {
    const pays = (await http(base, 'GET', `/api/payments?orderId=${o.id}`, { token: admin })).body.items;
    const kept = pays.filter((p: Json) => p.status === 'CAPTURED' || p.status === 'PARTIALLY_REFUNDED');
    const refunded = refundedOf.get(o.id) ?? 0;
    if (isConfirmed(o) && (pays.length !== 1 || pays[0].amountCents !== o.totalCents || pays[0].refundedCents !== refunded))
      problems.push(`${o.id} ${o.status} with payments ${JSON.stringify(pays)}, returns refunded ${refunded}`);
    if (!isConfirmed(o) && kept.length) problems.push(`${o.id} ${o.status} kept a capture`);
  }
  return problems;
}
