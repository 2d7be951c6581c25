import { performance } from 'node:perf_hooks';
import { CONFIRMED_STATUSES } from '@mercato/contracts';
import { mapLimit, sleep, type Api } from './client.ts';
import type { SeededProduct, Seeded } from './seed.ts';
import { OPEN_STATUSES, TERMINAL_STATUSES } from './tracker.ts';
import type { DuplicateOutcome, PlacedOrder, StockSample, WorkloadResult } from './workload.ts';

export interface Check {
  ok: boolean;
  detail: string;
}

export const INVARIANTS = ['noOversell', 'conservation', 'allTerminal', 'paymentsMatch', 'idempotency'] as const;
export type InvariantName = (typeof INVARIANTS)[number];
export type Invariants = Record<InvariantName, Check>;

export interface OrderView {
  id: string;
  customerId: string;
  status: string;
  statusReason: string | null;
  totalCents: number;
  items: Array<{ productId: string; quantity: number }>;
}

export interface PaymentView {
  id: string;
  orderId: string;
  amountCents: number;
  refundedCents: number;
  status: string;
}

export interface ReuseOutcome {
  key: string;
  status: number;
  code: string | null;
}

export interface Snapshot {
  orders: OrderView[];
  payments: PaymentView[];
  stock: StockSample[];
  reuse: ReuseOutcome[];
}

const PAGE = 100;
const isTerminal = (status: string) => (TERMINAL_STATUSES as readonly string[]).includes(status);
const isConfirmed = (status: string) => (CONFIRMED_STATUSES as readonly string[]).includes(status);
const show = (items: unknown[], n = 3) =>
  items
    .slice(0, n)
    .map((x) => JSON.stringify(x))
    .join('; ') + (items.length > n ? `; … ${items.length - n} more` : '');

// ---------------------------------------------------------------------------------------------
// Reading the system's state through the API
// ---------------------------------------------------------------------------------------------

async function pages<T>(api: Api, token: string, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = await api.request('GET', `${path}${path.includes('?') ? '&' : '?'}pageSize=${PAGE}&page=${page}`, { token });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    out.push(...res.body.items);
    if (res.body.items.length < PAGE || page * PAGE >= res.body.total) return out;
  }
}

async function ordersOf(api: Api, seeded: Seeded, statuses: readonly string[]): Promise<OrderView[]> {
  const mine = new Set(seeded.customers.map((c) => c.userId));
  const byId = new Map<string, OrderView>();
  for (const status of statuses)
    for (const o of await pages<OrderView>(api, seeded.adminToken, `/api/orders?all=true&status=${status}`))
      if (mine.has(o.customerId)) byId.set(o.id, o);
  return [...byId.values()];
}

async function stockOf(api: Api, products: SeededProduct[]): Promise<StockSample[]> {
  const out: StockSample[] = [];
  for (let i = 0; i < products.length; i += 100) {
    const ids = products.slice(i, i + 100).map((p) => p.id);
    const res = await api.request('GET', `/api/inventory?productIds=${ids.join(',')}`);
    if (res.status !== 200) throw new Error(`GET /api/inventory answered ${res.status}`);
    out.push(...res.body.items);
  }
  return out;
}

/** A different body under a key already used: the API must answer 422 and create nothing. */
async function reuseKeys(api: Api, seeded: Seeded, placed: PlacedOrder[], count: number): Promise<ReuseOutcome[]> {
  const accepted = placed.filter((p) => p.orderId);
  const picks = Array.from({ length: Math.min(count, accepted.length) }, (_, i) => accepted[Math.floor((i * accepted.length) / count)]);
  return mapLimit(picks, 1, async (p) => {
    const body = { ...p.body, items: p.body.items.map((l, i) => (i === 0 ? { ...l, quantity: l.quantity + 1 } : l)) };
    const res = await api.request('POST', '/api/orders', {
      token: seeded.customers[p.customer].token,
      headers: { 'idempotency-key': p.key },
      body,
    });
    return { key: p.key, status: res.status, code: res.body?.code ?? null };
  });
}

export interface CollectOptions {
  terminalTimeoutMs: number;
  settleTimeoutMs: number;
  reuseChecks: number;
  log: (line: string) => void;
}

/**
 * Reads what the invariants need once the run is over: waits until none of the bench
 * customers' orders is open and every reservation is settled, then lists orders, payments and stock.
 */
export async function collect(api: Api, seeded: Seeded, workload: WorkloadResult, opts: CollectOptions): Promise<Snapshot> {
  const reuse = await reuseKeys(api, seeded, workload.placed, opts.reuseChecks);

  let deadline = performance.now() + opts.terminalTimeoutMs;
  for (;;) {
    const open = await ordersOf(api, seeded, OPEN_STATUSES);
    if (open.length === 0) break;
    if (performance.now() > deadline) {
      opts.log(`${open.length} orders still open after ${opts.terminalTimeoutMs} ms`);
      break;
    }
    await sleep(100);
  }

  // Compensations (commit or release of a reservation) follow the terminal status by an event.
  deadline = performance.now() + opts.settleTimeoutMs;
  for (;;) {
    const stock = await stockOf(api, seeded.products);
    if (stock.every((s) => s.reserved === 0)) break;
    if (performance.now() > deadline) break;
    await sleep(100);
  }

  const orders = await ordersOf(api, seeded, [...OPEN_STATUSES, ...TERMINAL_STATUSES]);
  const ours = new Set(orders.map((o) => o.id));
  const payments = (await pages<PaymentView>(api, seeded.adminToken, '/api/payments')).filter((p) => ours.has(p.orderId));
  const stock = await stockOf(api, seeded.products);
  return { orders, payments, stock, reuse };
}

// ---------------------------------------------------------------------------------------------
// The invariants: pure functions of what was planned, what happened and what the API shows
// ---------------------------------------------------------------------------------------------

function confirmedQuantities(orders: OrderView[]): Map<string, number> {
  const q = new Map<string, number>();
  for (const o of orders) if (isConfirmed(o.status)) for (const l of o.items) q.set(l.productId, (q.get(l.productId) ?? 0) + l.quantity);
  return q;
}

/** Available never below zero (finally and in every sample taken during the run); reserved + committed ≤ stocked. */
export function checkNoOversell(
  products: SeededProduct[],
  stock: StockSample[],
  orders: OrderView[],
  duringRun: StockSample[],
  samples: number,
): Check {
  const level = new Map(stock.map((s) => [s.productId, s]));
  const sold = confirmedQuantities(orders);
  const bad: unknown[] = [];
  for (const p of products) {
    const s = level.get(p.id);
    if (!s) {
      bad.push({ product: p.id, problem: 'no stock level' });
      continue;
    }
    const committed = p.initialStock - s.onHand;
    const confirmed = sold.get(p.id) ?? 0;
    if (s.available < 0 || s.reserved < 0 || s.reserved + committed > p.initialStock || confirmed > p.initialStock)
      bad.push({ product: p.id, stocked: p.initialStock, onHand: s.onHand, reserved: s.reserved, confirmed });
  }
  for (const s of duringRun) bad.push({ product: s.productId, duringRun: s });
  const hot = products.filter((p) => p.hot).map((p) => `${sold.get(p.id) ?? 0}/${p.initialStock}`);
  return {
    ok: bad.length === 0,
    detail: bad.length
      ? `oversold: ${show(bad)}`
      : `${products.length} products, none below zero in the end or in ${samples} samples during the run; hot products sold ${hot.join(', ')} of their stock`,
  };
}

/** Final on-hand = initial − confirmed quantities, and nothing left reserved. */
export function checkConservation(products: SeededProduct[], stock: StockSample[], orders: OrderView[]): Check {
  const level = new Map(stock.map((s) => [s.productId, s]));
  const sold = confirmedQuantities(orders);
  const bad: unknown[] = [];
  let initial = 0;
  let confirmed = 0;
  for (const p of products) {
    const s = level.get(p.id);
    const want = p.initialStock - (sold.get(p.id) ?? 0);
    initial += p.initialStock;
    confirmed += sold.get(p.id) ?? 0;
    if (!s || s.onHand !== want || s.reserved !== 0)
      bad.push({ product: p.id, expectedOnHand: want, onHand: s?.onHand, reserved: s?.reserved });
  }
  return {
    ok: bad.length === 0,
    detail: bad.length
      ? `${bad.length} products off: ${show(bad)}`
      : `on hand ${initial} − confirmed ${confirmed} = ${initial - confirmed} across ${products.length} products; 0 reserved`,
  };
}

/** Every accepted order exists and is CONFIRMED, REJECTED or CANCELLED. */
export function checkAllTerminal(placed: PlacedOrder[], orders: OrderView[]): Check {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const accepted = placed.filter((p) => p.orderId);
  const missing = accepted.filter((p) => !byId.has(p.orderId!)).map((p) => p.orderId);
  const open = orders.filter((o) => !isTerminal(o.status)).map((o) => ({ id: o.id, status: o.status }));
  const ok = missing.length === 0 && open.length === 0 && accepted.length > 0;
  return {
    ok,
    detail: ok
      ? `${accepted.length} accepted orders, all terminal`
      : [
          accepted.length === 0 ? 'no order was accepted' : '',
          missing.length ? `missing: ${show(missing)}` : '',
          open.length ? `open: ${show(open)}` : '',
        ]
          .filter(Boolean)
          .join('; '),
  };
}

/** One CAPTURED payment equal to the total per CONFIRMED order; no capture kept for any other. */
export function checkPaymentsMatch(orders: OrderView[], payments: PaymentView[]): Check {
  const byOrder = new Map<string, PaymentView[]>();
  for (const p of payments) byOrder.set(p.orderId, [...(byOrder.get(p.orderId) ?? []), p]);
  const bad: unknown[] = [];
  let captured = 0;
  let refunded = 0;
  for (const o of orders) {
    const pays = byOrder.get(o.id) ?? [];
    const captures = pays.filter((p) => p.status === 'CAPTURED');
    refunded += pays.filter((p) => p.status === 'REFUNDED').length;
    if (isConfirmed(o.status)) {
      captured += captures.length;
      if (pays.length !== 1 || captures.length !== 1 || captures[0].amountCents !== o.totalCents || captures[0].refundedCents !== 0)
        bad.push({ order: o.id, totalCents: o.totalCents, payments: pays.map((p) => ({ status: p.status, amountCents: p.amountCents })) });
    } else if (captures.length > 0) {
      bad.push({ order: o.id, status: o.status, captured: captures.length });
    }
  }
  const confirmed = orders.filter((o) => isConfirmed(o.status)).length;
  return {
    ok: bad.length === 0,
    detail: bad.length
      ? `${bad.length} orders off: ${show(bad)}`
      : `${confirmed} confirmed orders, ${captured} captures matching their totals; none kept for the ${orders.length - confirmed} others (${refunded} refunded)`,
  };
}

/** Duplicates answered with the same order; a reused key with another body got 422; no extra orders. */
export function checkIdempotency(placed: PlacedOrder[], duplicates: DuplicateOutcome[], reuse: ReuseOutcome[], orders: OrderView[]): Check {
  const idOf = new Map(placed.map((p) => [p.seq, p.orderId]));
  const badDuplicates = duplicates.filter(
    (d) => d.statuses[0] !== 202 || d.statuses[1] !== 202 || !d.ids[0] || d.ids[0] !== d.ids[1] || d.ids[0] !== idOf.get(d.seq),
  );
  const badReuse = reuse.filter((r) => r.status !== 422 || r.code !== 'idempotency_key_reused');
  const accepted = new Set(placed.filter((p) => p.orderId).map((p) => p.orderId));
  const extra = orders.filter((o) => !accepted.has(o.id)).map((o) => o.id);
  const ok = badDuplicates.length === 0 && badReuse.length === 0 && extra.length === 0 && reuse.length > 0;
  return {
    ok,
    detail: ok
      ? `${duplicates.length} duplicate submissions got their order back; ${reuse.length} reused keys with another body got 422; no extra orders`
      : [
          badDuplicates.length ? `duplicates answered differently: ${show(badDuplicates)}` : '',
          reuse.length === 0 ? 'no reused-key check ran' : '',
          badReuse.length ? `reused keys not refused: ${show(badReuse)}` : '',
          extra.length ? `orders nobody was told about: ${show(extra)}` : '',
        ]
          .filter(Boolean)
          .join('; '),
  };
}

export function checkAll(seeded: Pick<Seeded, 'products'>, workload: WorkloadResult, snap: Snapshot): Invariants {
  return {
    noOversell: checkNoOversell(seeded.products, snap.stock, snap.orders, workload.stockViolations, workload.stockSamples),
    conservation: checkConservation(seeded.products, snap.stock, snap.orders),
    allTerminal: checkAllTerminal(workload.placed, snap.orders),
    paymentsMatch: checkPaymentsMatch(snap.orders, snap.payments),
    idempotency: checkIdempotency(workload.placed, workload.duplicates, snap.reuse, snap.orders),
  };
}
