import { performance } from 'node:perf_hooks';
import { sleep, type Api } from './client.ts';
import type { Mix, PlannedOrder } from './mix.ts';
import type { Seeded } from './seed.ts';
import { OrderTracker } from './tracker.ts';

export const SHIPPING_ADDRESS = { name: 'Bench Customer', line1: '1 Load Street', city: 'Lyon', postalCode: '69001', country: 'FR' };

export interface OrderBody {
  items: Array<{ productId: string; quantity: number }>;
  shippingAddress: typeof SHIPPING_ADDRESS;
  paymentMethod: string;
}

export interface PlacedOrder {
  seq: number;
  customer: number;
  key: string;
  body: OrderBody;
  /** HTTP status of the (first) POST; 0 when it failed on the network. */
  httpStatus: number;
  orderId: string | null;
  placeMs: number;
  /** From the POST to the moment the order was seen in a terminal state. */
  endToEndMs: number | null;
}

export interface DuplicateOutcome {
  seq: number;
  kind: 'retry' | 'concurrent';
  statuses: [number, number];
  ids: [string | null, string | null];
}

export interface StockSample {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
}

export interface WorkloadResult {
  durationMs: number;
  placed: PlacedOrder[];
  duplicates: DuplicateOutcome[];
  errors: string[];
  /** Stock levels that broke no-oversell while the run was going (should stay empty). */
  stockViolations: StockSample[];
  stockSamples: number;
  /** How outcomes were learnt: pushed on live streams (polling only as a safety net), or polled. */
  tracking: 'sse' | 'poll';
  trackerPolls: number;
  trackerPushes: number;
}

export interface WorkloadOptions {
  concurrency: number;
  pollMs: number;
  /** Follow outcomes on the customers' live streams (GET /api/events) when the system has them. */
  streams: boolean;
  stockSampleMs: number;
  /**
   * Orders per second to start (open loop): order i starts no earlier than i / rate seconds into the
   * run, whichever customer is free. Null: each customer starts its next order as soon as it may.
   */
  rate: number | null;
  /** How long a virtual customer waits for its order to become terminal before moving on. */
  terminalTimeoutMs: number;
  log: (line: string) => void;
}

export function orderBody(order: PlannedOrder, seeded: Seeded): OrderBody {
  return {
    items: order.lines.map((l) => ({ productId: seeded.products[l.product].id, quantity: l.quantity })),
    shippingAddress: SHIPPING_ADDRESS,
    paymentMethod: order.paymentMethod,
  };
}

export const idempotencyKey = (runId: string, seq: number) => `bench-${runId}-${seq}`;

/**
 * Closed loop: each of `concurrency` virtual customers places an order, waits until it is
 * terminal (as a shopper waits for the confirmation), then places the next, until the plan is done.
 */
export async function runWorkload(api: Api, seeded: Seeded, mix: Mix, opts: WorkloadOptions): Promise<WorkloadResult> {
  const tracker = new OrderTracker(api, seeded.adminToken, { pollMs: opts.pollMs, safetyPollMs: 1000 });
  const customers = seeded.customers.slice(0, Math.min(opts.concurrency, mix.orders.length));
  const live = opts.streams && (await tracker.connectStreams(customers.map((c) => c.token)));
  opts.log(live ? 'following outcomes on live streams (GET /api/events)' : `polling outcomes every ${opts.pollMs} ms`);
  const placed: PlacedOrder[] = [];
  const duplicates: DuplicateOutcome[] = [];
  const errors: string[] = [];
  const stockViolations: StockSample[] = [];
  let stockSamples = 0;
  let next = 0;
  let terminal = 0;
  let lastTerminal = 0;
  const started = performance.now();

  const post = (customer: number, key: string, body: OrderBody) =>
    api
      .request('POST', '/api/orders', { token: seeded.customers[customer].token, headers: { 'idempotency-key': key }, body })
      .catch((e: Error) => ({ status: 0, body: { detail: e.message }, headers: {} }));

  const describe = (res: { status: number; body: any }) => `${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''}`.trim();

  async function virtualCustomer(customer: number) {
    while (next < mix.orders.length) {
      const order = mix.orders[next++];
      if (opts.rate) {
        const due = started + (order.seq * 1000) / opts.rate - performance.now();
        if (due > 0) await sleep(due);
      }
      const key = idempotencyKey(seeded.runId, order.seq);
      const body = orderBody(order, seeded);
      const t0 = performance.now();
      let first;
      if (order.duplicate === 'concurrent') {
        const [a, b] = await Promise.all([post(customer, key, body), post(customer, key, body)]);
        first = a;
        duplicates.push({
          seq: order.seq,
          kind: 'concurrent',
          statuses: [a.status, b.status],
          ids: [a.body?.id ?? null, b.body?.id ?? null],
        });
      } else {
        first = await post(customer, key, body);
      }
      const placeMs = performance.now() - t0;
      if (order.duplicate === 'retry') {
        const again = await post(customer, key, body);
        duplicates.push({
          seq: order.seq,
          kind: 'retry',
          statuses: [first.status, again.status],
          ids: [first.body?.id ?? null, again.body?.id ?? null],
        });
      }
      const record: PlacedOrder = {
        seq: order.seq,
        customer,
        key,
        body,
        httpStatus: first.status,
        orderId: null,
        placeMs,
        endToEndMs: null,
      };
      placed.push(record);
      if (first.status !== 202) {
        errors.push(`order ${order.seq}: ${describe(first)}`);
        continue;
      }
      record.orderId = first.body.id;
      const at = await tracker.wait(first.body.id, opts.terminalTimeoutMs);
      if (at === null) {
        errors.push(`order ${order.seq} (${first.body.id}) not terminal after ${opts.terminalTimeoutMs} ms`);
        continue;
      }
      record.endToEndMs = at - t0;
      terminal++;
      lastTerminal = at;
    }
  }

  let done = false;
  const sampler = (async () => {
    const ids = seeded.products.map((p) => p.id);
    while (!done) {
      for (let i = 0; i < ids.length; i += 100) {
        const res = await api.request('GET', `/api/inventory?productIds=${ids.slice(i, i + 100).join(',')}`).catch(() => null);
        if (res?.status !== 200) continue;
        stockSamples++;
        for (const s of res.body.items as StockSample[]) if (s.available < 0 || s.reserved < 0 || s.onHand < 0) stockViolations.push(s);
      }
      await sleep(opts.stockSampleMs);
    }
  })();

  const report = () => {
    const s = (performance.now() - started) / 1000;
    opts.log(
      `${s.toFixed(1)}s  placed ${placed.length}/${mix.orders.length}  terminal ${terminal} (${(terminal / s).toFixed(0)}/s)  in flight ${tracker.watching}  errors ${errors.length}`,
    );
  };
  const progress = setInterval(report, 1000);
  progress.unref();

  try {
    await Promise.all(customers.map((_, i) => virtualCustomer(i)));
  } finally {
    clearInterval(progress);
    // A run shorter than the interval still shows its counts.
    report();
    done = true;
    await tracker.stop();
    await sampler;
  }
  const end = lastTerminal || performance.now();
  return {
    durationMs: end - started,
    placed: placed.sort((a, b) => a.seq - b.seq),
    duplicates,
    errors,
    stockViolations,
    stockSamples,
    tracking: live ? 'sse' : 'poll',
    trackerPolls: tracker.polls,
    trackerPushes: tracker.pushes,
  };
}
