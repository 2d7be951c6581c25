import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../bench/src/cli.ts';
import {
  checkAllTerminal,
  checkConservation,
  checkIdempotency,
  checkNoOversell,
  checkPaymentsMatch,
  INVARIANTS,
  type OrderView,
  type PaymentView,
} from '../bench/src/invariants.ts';
import { DECLINED_METHOD, pickIndices, planMix, rng } from '../bench/src/mix.ts';
import type { Report } from '../bench/src/report.ts';
import type { SeededProduct } from '../bench/src/seed.ts';
import { countBy, percentile, perOrder, ratePerSecond, ratio, summarize } from '../bench/src/stats.ts';
import { clusterScript } from '../bench/src/target.ts';
import { parseSse } from '../bench/src/tracker.ts';
import type { PlacedOrder } from '../bench/src/workload.ts';
import type { Json } from './support/json.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('bench: statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('summarizes unsorted latencies, rounded to 0.1 ms', () => {
    expect(summarize([3.14159, 1, 2, 10])).toEqual({ p50: 2, p95: 10, p99: 10, max: 10 });
    expect(summarize([1.26])).toEqual({ p50: 1.3, p95: 1.3, p99: 1.3, max: 1.3 });
    expect(summarize([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
  });

  it('computes rates, ratios and counts', () => {
    expect(ratePerSecond(300, 2000)).toBe(150);
    expect(ratePerSecond(1, 0)).toBe(0);
    expect(ratio(150, 3000)).toBe(0.05);
    expect(ratio(1, 0)).toBeNull();
    expect(countBy(['a', 'b', 'a'], (x) => x)).toEqual({ a: 2, b: 1 });
  });

  it('turns two readings of per-service transaction counts into transactions per order', () => {
    expect(perOrder({ orders: 100, inventory: 40 }, { orders: 400, inventory: 190, payments: 50 }, 200)).toEqual({
      total: 2.5,
      byService: { orders: 1.5, inventory: 0.75, payments: 0.25 },
    });
  });
});

describe('bench: workload mix', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(planMix({ orders: 50, seed: 7 })).toEqual(planMix({ orders: 50, seed: 7 }));
    expect(planMix({ orders: 50, seed: 7 })).not.toEqual(planMix({ orders: 50, seed: 8 }));
    const r = rng(1);
    const xs = Array.from({ length: 1000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('picks exact shares of distinct orders', () => {
    const picked = pickIndices(rng(3), 200, 0.05);
    expect(picked.size).toBe(10);
    for (const i of picked) expect(i).toBeGreaterThanOrEqual(0);
  });

  it('mixes declined cards, duplicates and hot products with too little stock', () => {
    const mix = planMix({ orders: 1000, seed: 1 });
    expect(mix.orders).toHaveLength(1000);
    expect(mix.orders.filter((o) => o.paymentMethod === DECLINED_METHOD)).toHaveLength(50);
    expect(
      mix.orders.filter((o) => o.paymentMethod !== DECLINED_METHOD).every((o) => /^pm_card_(visa|mastercard)$/.test(o.paymentMethod)),
    ).toBe(true);
    const dups = mix.orders.filter((o) => o.duplicate !== 'none');
    expect(dups).toHaveLength(50);
    expect(new Set(dups.map((o) => o.duplicate))).toEqual(new Set(['retry', 'concurrent']));
    expect(mix.orders.filter((o) => o.hot)).toHaveLength(100);
    for (const o of mix.orders) {
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(new Set(o.lines.map((l) => l.product)).size).toBe(o.lines.length);
      for (const l of o.lines) expect(l.quantity).toBeGreaterThanOrEqual(1);
    }
    for (const p of mix.products) {
      expect(p.demand).toBe(
        mix.orders
          .flatMap((o) => o.lines)
          .filter((l) => l.product === p.index)
          .reduce((s, l) => s + l.quantity, 0),
      );
      if (p.hot) expect(p.initialStock).toBeLessThan(p.demand);
      else expect(p.initialStock).toBeGreaterThan(p.demand);
    }
  });
});

describe('bench: live stream parsing', () => {
  it('splits complete events and keeps the partial rest', () => {
    const { events, rest } = parseSse('retry: 3000\n: connected\n\nevent: order\ndata: {"a":1}\n\n: heartbeat\n\nevent: order\ndata: {"b"');
    expect(events).toEqual([{ event: 'order', data: '{"a":1}' }]);
    expect(rest).toBe('event: order\ndata: {"b"');
  });
});

describe('bench: command line', () => {
  it('parses options with defaults, and refuses bad ones', () => {
    expect(parseArgs(['--mode', 'embedded', '--orders', '60', '--concurrency=4', '--json', 'r.json'])).toMatchObject({
      mode: 'embedded',
      orders: 60,
      concurrency: 4,
      json: 'r.json',
      url: null,
      tracking: 'sse',
    });
    expect(parseArgs(['--help'])).toBe('help');
    expect(() => parseArgs(['--mode', 'cloud'])).toThrow(/embedded or cluster/);
    expect(() => parseArgs(['--orders', '0'])).toThrow(/--orders/);
    expect(() => parseArgs(['--wat', '1'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--orders'])).toThrow(/needs a value/);
    expect(parseArgs(['--rate', '20'])).toMatchObject({ rate: 20 });
    expect(() => parseArgs(['--rate', '0'])).toThrow(/--rate/);
  });

  it('knows whether the checkout can start a cluster', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mercato-bench-pkg-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { start: 'x' } }));
      expect(clusterScript(dir)).toBeNull();
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { 'start:cluster': 'tsx bin/cluster.ts' } }));
      expect(clusterScript(dir)).toBe('tsx bin/cluster.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench: invariant checks', () => {
  const product = (id: string, initialStock: number): SeededProduct => ({
    id,
    index: 0,
    hot: false,
    priceCents: 100,
    demand: 0,
    initialStock,
  });
  const order = (id: string, status: string, items: Array<[string, number]>, totalCents = 100): OrderView => ({
    id,
    customerId: 'c',
    status,
    statusReason: null,
    totalCents,
    items: items.map(([productId, quantity]) => ({ productId, quantity })),
  });
  const placed = (seq: number, orderId: string | null): PlacedOrder => ({
    seq,
    customer: 0,
    key: `k${seq}`,
    body: { items: [], shippingAddress: {} as Json, paymentMethod: 'pm_card_visa' },
    httpStatus: orderId ? 202 : 500,
    orderId,
    placeMs: 1,
    endToEndMs: orderId ? 2 : null,
  });
  const products = [product('p1', 5), product('p2', 3)];
  const orders = [order('o1', 'CONFIRMED', [['p1', 2]]), order('o2', 'CANCELLED', [['p1', 1]]), order('o3', 'REJECTED', [['p2', 4]])];

  it('conservation and no-oversell hold for consistent stock, and fail otherwise', () => {
    const good = [
      { productId: 'p1', onHand: 3, reserved: 0, available: 3 },
      { productId: 'p2', onHand: 3, reserved: 0, available: 3 },
    ];
    expect(checkConservation(products, good, orders).ok).toBe(true);
    expect(checkNoOversell(products, good, orders, [], 5).ok).toBe(true);
    const leaked = [{ ...good[0], reserved: 1, available: 2 }, good[1]];
    expect(checkConservation(products, leaked, orders)).toMatchObject({ ok: false });
    const oversold = [{ productId: 'p1', onHand: 3, reserved: 4, available: -1 }, good[1]];
    expect(checkNoOversell(products, oversold, orders, [], 5).ok).toBe(false);
    expect(checkNoOversell(products, good, orders, [{ productId: 'p2', onHand: 1, reserved: 2, available: -1 }], 5).ok).toBe(false);
  });

  it('every accepted order must be found terminal', () => {
    const all = [placed(0, 'o1'), placed(1, 'o2'), placed(2, 'o3')];
    expect(checkAllTerminal(all, orders).ok).toBe(true);
    expect(checkAllTerminal(all, [...orders.slice(0, 2), order('o3', 'PENDING', [])]).ok).toBe(false);
    expect(checkAllTerminal([...all, placed(3, 'o4')], orders).ok).toBe(false);
  });

  it('one captured payment equal to the total per confirmed order, none kept for the others', () => {
    const pay = (orderId: string, status: string, amountCents = 100): PaymentView => ({
      id: `${orderId}-${status}`,
      orderId,
      amountCents,
      refundedCents: 0,
      status,
    });
    expect(checkPaymentsMatch(orders, [pay('o1', 'CAPTURED'), pay('o2', 'DECLINED')]).ok).toBe(true);
    expect(checkPaymentsMatch(orders, [pay('o1', 'CAPTURED', 99)]).ok).toBe(false);
    expect(checkPaymentsMatch(orders, [pay('o1', 'CAPTURED'), pay('o1', 'CAPTURED')]).ok).toBe(false);
    expect(checkPaymentsMatch(orders, [pay('o1', 'CAPTURED'), pay('o2', 'CAPTURED')]).ok).toBe(false);
    expect(checkPaymentsMatch(orders, []).ok).toBe(false);
  });

  it('duplicates return the same order, a reused key with another body is refused, nothing extra exists', () => {
    const all = [placed(0, 'o1'), placed(1, 'o2'), placed(2, 'o3')];
    const reuse = [{ key: 'k0', status: 422, code: 'idempotency_key_reused' }];
    const same = { seq: 1, kind: 'retry' as const, statuses: [202, 202] as [number, number], ids: ['o2', 'o2'] as [string, string] };
    expect(checkIdempotency(all, [same], reuse, orders).ok).toBe(true);
    expect(checkIdempotency(all, [{ ...same, ids: ['o2', 'o9'] }], reuse, orders).ok).toBe(false);
    expect(checkIdempotency(all, [same], [{ key: 'k0', status: 202, code: null }], orders).ok).toBe(false);
    expect(checkIdempotency(all, [same], reuse, [...orders, order('o9', 'CONFIRMED', [])]).ok).toBe(false);
  });
});

describe('npm run bench (a small embedded run)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mercato-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drives real checkouts through `mercato start` and proves every invariant', async () => {
    const json = join(dir, 'report.json');
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--conditions=@mercato/source',
          '--import',
          'tsx',
          'bench/src/cli.ts',
          '--mode',
          'embedded',
          '--orders',
          '60',
          '--concurrency',
          '4',
          '--ceiling-ms',
          '300',
          '--json',
          json,
        ],
        { cwd: ROOT, env: { ...process.env, MERCATO_ADMIN_EMAIL: '', MERCATO_ADMIN_PASSWORD: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
    expect(code, `bench failed:\n${stdout}\n${stderr}`).toBe(0);
    expect(stderr).toMatch(/placed \d+\/60/);
    expect(stdout).toMatch(/confirmed orders\/s/);

    const report: Report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ mode: 'embedded', orders: 60, concurrency: 4 });
    expect(report.durationS).toBeGreaterThan(0);
    expect(report.confirmedPerSecond).toBeGreaterThan(0);
    for (const key of ['placeLatencyMs', 'endToEndLatencyMs'] as const) {
      const l = report[key];
      expect(Object.keys(l).sort()).toEqual(['max', 'p50', 'p95', 'p99']);
      expect(l.p50).toBeGreaterThan(0);
      expect(l.p50).toBeLessThanOrEqual(l.p95);
      expect(l.p95).toBeLessThanOrEqual(l.p99);
      expect(l.p99).toBeLessThanOrEqual(l.max);
    }
    expect(Object.values(report.statusCounts).reduce((a, b) => a + b, 0)).toBe(60);
    expect(report.statusCounts.CONFIRMED).toBeGreaterThan(0);
    expect(report.statusCounts.CANCELLED).toBeGreaterThan(0);
    expect(report.statusCounts.REJECTED).toBeGreaterThan(0);
    expect(Object.keys(report.invariants).sort()).toEqual([...INVARIANTS].sort());
    for (const name of INVARIANTS) expect(report.invariants[name], name).toMatchObject({ ok: true, detail: expect.any(String) });
    expect(report.ceilings.database).toMatchObject({ engine: 'pglite', commitsPerSecond: expect.any(Number) });
    expect(report.ceilings.database.commitsPerSecond).toBeGreaterThan(0);
    expect(report.ceilings.gateway).toMatchObject({ path: '/health/live', concurrency: 4 });
    expect(report.ceilings.gateway.requestsPerSecond).toBeGreaterThan(0);
    expect(report.ceilings.throughputVsDatabase).toBeGreaterThan(0);
    expect(report.ceilings.throughputVsGateway).toBeGreaterThan(0);
    expect(report.machine).toMatchObject({
      cpus: expect.any(Number),
      model: expect.any(String),
      memoryMb: expect.any(Number),
      node: process.version,
    });
    expect(report.run.errors).toBe(0);
    expect(report.run.duplicateSubmissions).toBe(3);
    // Counted from PostgreSQL's statistics, which the embedded shop's engine keeps to itself.
    expect(report.run.transactionsPerOrder).toBeNull();
  }, 300_000);
});
