import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { sleep, type Api } from './client.ts';

export const OPEN_STATUSES = ['PENDING', 'AWAITING_PAYMENT'] as const;
/** Where checkout ends; a confirmed order that staff shipped meanwhile (a running shop's) has ended it too. */
export const TERMINAL_STATUSES = ['CONFIRMED', 'REJECTED', 'CANCELLED', 'SHIPPED', 'DELIVERED'] as const;
const PAGE = 100;

export const isTerminalStatus = (status: unknown) => (TERMINAL_STATUSES as readonly unknown[]).includes(status);

interface Waiter {
  since: number;
  resolve: (at: number) => void;
}

/** Splits a Server-Sent Events buffer into complete events; returns them and what is left over. Pure. */
export function parseSse(buffer: string): { events: Array<{ event: string; data: string }>; rest: string } {
  const events: Array<{ event: string; data: string }> = [];
  const blocks = buffer.replace(/\r\n/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Learns when orders become terminal, for every virtual customer at once.
 * - Pushed: each customer's live stream (GET /api/events, Server-Sent Events), when the system has it.
 * - Polled: the open orders (PENDING, then AWAITING_PAYMENT, as admin); a watched order in neither
 *   list is terminal. Statuses only move forward, so listing PENDING before AWAITING_PAYMENT cannot
 *   miss an order moving between them, and an order is only judged by a poll that started after it
 *   was watched. When a list spans pages (which can shift while read), absent orders are confirmed
 *   one by one. With live streams this runs rarely, as a safety net for a dropped push.
 */
export class OrderTracker {
  private readonly waiters = new Map<string, Waiter>();
  /** Terminal pushes that arrived before anyone waited for the order. */
  private readonly early = new Map<string, number>();
  private readonly streams = new Set<http.ClientRequest>();
  private streamsHealthy = false;
  private running = true;
  private idle: (() => void) | null = null;
  private readonly loop: Promise<void>;
  polls = 0;
  pushes = 0;
  errors = 0;

  constructor(
    private readonly api: Api,
    private readonly adminToken: string,
    private readonly opts: { pollMs: number; safetyPollMs: number },
  ) {
    this.loop = this.run();
  }

  /**
   * Opens one live stream per customer; resolves true once all are connected, false (and polling
   * carries on alone) if the system has no stream endpoint or one fails.
   */
  async connectStreams(tokens: string[], timeoutMs = 10_000): Promise<boolean> {
    const url = new URL('/api/events', this.api.base);
    const transport = url.protocol === 'https:' ? https : http;
    const connect = (token: string) =>
      new Promise<boolean>((resolve) => {
        const req = transport.request(
          url,
          { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false },
          (res) => {
            if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('text/event-stream')) {
              res.resume();
              return resolve(false);
            }
            let buffer = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              const { events, rest } = parseSse(buffer + chunk);
              buffer = rest;
              for (const e of events) if (e.event === 'order') this.onPush(e.data);
            });
            res.on('close', () => {
              this.streams.delete(req);
              if (this.running) this.streamsHealthy = false;
            });
            resolve(true);
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy(new Error('stream timeout')));
        req.on('error', () => {
          this.streams.delete(req);
          if (this.running) this.streamsHealthy = false;
          resolve(false);
        });
        this.streams.add(req);
        req.end();
      });
    const results = await Promise.all(tokens.map(connect));
    // Connected streams stay open without a deadline.
    for (const req of this.streams) req.setTimeout(0);
    this.streamsHealthy = results.every(Boolean);
    if (!this.streamsHealthy) this.closeStreams();
    return this.streamsHealthy;
  }

  private onPush(data: string) {
    let update: { orderId?: string; status?: string };
    try {
      update = JSON.parse(data);
    } catch {
      return;
    }
    if (!update.orderId || !isTerminalStatus(update.status)) return;
    this.pushes++;
    const at = performance.now();
    const w = this.waiters.get(update.orderId);
    if (w) this.settle(update.orderId, w, at);
    else this.early.set(update.orderId, at);
  }

  /** Resolves with the performance.now() at which the order was seen terminal; null after timeoutMs. */
  wait(orderId: string, timeoutMs: number): Promise<number | null> {
    const early = this.early.get(orderId);
    if (early !== undefined) {
      this.early.delete(orderId);
      return Promise.resolve(early);
    }
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

  get live(): boolean {
    return this.streamsHealthy;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.closeStreams();
    this.idle?.();
    await this.loop;
  }

  private closeStreams() {
    for (const req of this.streams) req.destroy();
    this.streams.clear();
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
              if (res.status === 200 && isTerminalStatus(res.body.status)) this.settle(id, w, performance.now());
            }),
          );
        }
      } catch {
        this.errors++;
      }
      const interval = this.streamsHealthy ? this.opts.safetyPollMs : this.opts.pollMs;
      const until = started + interval;
      // Sleep in short steps so that a stream dropping switches to fast polling at once.
      while (this.running && performance.now() < until && (this.streamsHealthy || interval === this.opts.pollMs)) {
        await sleep(Math.min(50, until - performance.now()));
      }
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
        const res = await this.api.request('GET', `/api/orders?all=true&status=${status}&pageSize=${PAGE}&page=${page}`, {
          token: this.adminToken,
        });
        if (res.status !== 200) throw new Error(`listing ${status} orders answered ${res.status}`);
        for (const o of res.body.items as Array<{ id: string }>) open.add(o.id);
        if (res.body.items.length < PAGE || page * PAGE >= res.body.total) break;
        complete = false;
      }
    }
    return { open, complete };
  }
}
