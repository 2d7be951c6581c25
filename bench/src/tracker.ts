import { performance } from 'node:perf_hooks';
import { sleep, type Api } from './client.ts';

export const OPEN_STATUSES = ['PENDING', 'AWAITING_PAYMENT'] as const;
export const TERMINAL_STATUSES = ['CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
const PAGE = 100;

interface Waiter {
  since: number;
  resolve: (at: number) => void;
}

/**
 * Learns when orders become terminal with one poller for every virtual customer: it lists the
 * open orders (PENDING, then AWAITING_PAYMENT, as admin) and resolves each watched order that
 * is in neither list. Statuses only move forward, so listing PENDING before AWAITING_PAYMENT
 * cannot miss an order moving between them; an order is only judged by a poll that started
 * after it was watched. When a list spans pages (which can shift while read), absent orders
 * are confirmed one by one. Cost: two small queries per poll, whatever the concurrency.
 */
export class OrderTracker {
  private readonly waiters = new Map<string, Waiter>();
  private running = true;
  private idle: (() => void) | null = null;
  private readonly loop: Promise<void>;
  polls = 0;
  errors = 0;

  constructor(
    private readonly api: Api,
    private readonly adminToken: string,
    private readonly pollMs: number,
  ) {
    this.loop = this.run();
  }

  /** Resolves with the performance.now() at which the order was seen terminal; null after timeoutMs. */
  wait(orderId: string, timeoutMs: number): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(orderId);
        resolve(null);
      }, timeoutMs);
      this.waiters.set(orderId, {
        since: performance.now(),
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
      this.idle?.();
    });
  }

  get watching(): number {
    return this.waiters.size;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.idle?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.waiters.size === 0) {
        await new Promise<void>((r) => (this.idle = r));
        this.idle = null;
        continue;
      }
      const started = performance.now();
      try {
        const { open, complete } = await this.openOrders();
        this.polls++;
        const now = performance.now();
        const gone = [...this.waiters].filter(([id, w]) => w.since < started && !open.has(id));
        if (complete) {
          for (const [id, w] of gone) this.settle(id, w, now);
        } else {
          await Promise.all(
            gone.map(async ([id, w]) => {
              const res = await this.api.request('GET', `/api/orders/${id}`, { token: this.adminToken });
              if (res.status === 200 && (TERMINAL_STATUSES as readonly string[]).includes(res.body.status)) this.settle(id, w, performance.now());
            }),
          );
        }
      } catch {
        this.errors++;
      }
      const wait = this.pollMs - (performance.now() - started);
      if (wait > 0 && this.running) await sleep(wait);
    }
  }

  private settle(id: string, w: Waiter, at: number) {
    this.waiters.delete(id);
    w.resolve(at);
  }

  private async openOrders(): Promise<{ open: Set<string>; complete: boolean }> {
    const open = new Set<string>();
    let complete = true;
    for (const status of OPEN_STATUSES) {
      for (let page = 1; ; page++) {
        const res = await this.api.request('GET', `/api/orders?all=true&status=${status}&pageSize=${PAGE}&page=${page}`, { token: this.adminToken });
        if (res.status !== 200) throw new Error(`listing ${status} orders answered ${res.status}`);
        for (const o of res.body.items as Array<{ id: string }>) open.add(o.id);
        if (res.body.items.length < PAGE || page * PAGE >= res.body.total) break;
        complete = false;
      }
    }
    return { open, complete };
  }
}
