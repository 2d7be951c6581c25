import type { Db } from '../db/db.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { Signal, turn } from '../signal.ts';
import { handledTogether, retryDelayMs, type DeadLetter, type EventBus, type OutboxSource, type Subscription } from './bus.ts';
import { PoisonEventError, type EventEnvelope } from './envelope.ts';

const SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS bus;
CREATE TABLE IF NOT EXISTS bus.subscriptions (consumer text NOT NULL, type text NOT NULL, PRIMARY KEY (consumer, type));
CREATE TABLE IF NOT EXISTS bus.deliveries (
  id bigserial PRIMARY KEY,
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  envelope jsonb NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  UNIQUE (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON bus.deliveries (consumer, available_at, id);
CREATE TABLE IF NOT EXISTS bus.dead_letters (
  id uuid PRIMARY KEY,
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  type text NOT NULL,
  envelope jsonb NOT NULL,
  attempts int NOT NULL,
  error text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
`;

const BATCH = 200;
/**
 * Deliveries of one consumer handled in one transaction. The transaction holds the database (PGlite
 * runs one at a time), so a bound keeps HTTP requests from waiting long behind it.
 */
const TX_BATCH = 32;
const IDLE_POLL_MS = 1000;

interface Options {
  maxDeliver: number;
  logger: Logger;
}

interface Delivery {
  id: number;
  envelope: EventEnvelope;
  attempts: number;
}

interface DrainedRow {
  src: number;
  seq: number;
  type: string;
  envelope: EventEnvelope;
  delivery_id: number | null;
  consumer: string | null;
}

/** A durable consumer's side of the bus in this process. */
class Consumer {
  /** Deliveries handed over by the drain or read from the table, waiting for the handler. */
  readonly queue: Delivery[] = [];
  /** Ids queued, being handled, or handled and not yet deleted: never to be handed over twice. */
  readonly known = new Set<number>();
  readonly signal = new Signal();
  /** Read the table before waiting: at start, when a retry falls due, after a replay. */
  pollDue = true;
  lastPoll = 0;
  readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly sub: Subscription) {}

  offer(d: Delivery): boolean {
    if (this.known.has(d.id)) return false;
    this.known.add(d.id);
    this.queue.push(d);
    return true;
  }

  /** Wakes the consumer after `ms` to read deliveries that have fallen due. */
  pollAfter(ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.pollDue = true;
      this.signal.notify();
    }, ms);
    this.timers.add(timer);
  }
}

/**
 * The embedded event bus: durable queues in the same PGlite as the services. Draining the
 * outboxes moves their rows into per-consumer delivery rows in one statement, so an event is
 * never lost and never only half fanned out, whatever moment the process dies.
 *
 * Every statement counts on PGlite (one at a time, a fraction of a millisecond each), so:
 * - one statement drains every outbox that has new rows, and returns the deliveries it created,
 *   which are handed to their consumers in memory instead of being read back;
 * - the table is read only at start, when a retry falls due, after a replay, and once a second
 *   as a safety net;
 * - the drain and each consumer let the event loop turn once before they read their work, so what
 *   the requests and handlers in flight commit meanwhile goes through together: a consumer handles
 *   the deliveries waiting for it in one transaction (up to TX_BATCH), falling back to one
 *   transaction each when that fails, so only the failing delivery is retried. The busier the
 *   shop, the bigger the batches; an idle one waits for nothing;
 * - handled deliveries are deleted in batches, after their handler's transaction committed; a
 *   crash before that redelivers them and the consumer's inbox turns the repeat into a no-op;
 * - fan-out subscriptions (live pushes within this process) get events in memory, with no
 *   delivery rows, as their contract says: from the moment they subscribe, without retries.
 */
export class EmbeddedBus implements EventBus {
  private readonly consumers = new Map<string, Consumer>();
  private readonly fanouts: Subscription[] = [];
  private readonly schemas: string[] = [];
  private readonly kicked = new Set<number>();
  private readonly drainSignal = new Signal();
  private readonly drainSql = new Map<string, string>();
  private readonly loops: Promise<void>[] = [];
  private acks: Array<{ consumer: Consumer; id: number }> = [];
  private acking: Promise<void> | null = null;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly opts: Options,
  ) {}

  subscribe(sub: Subscription): void {
    if (this.running) throw new Error('subscribe before the bus starts');
    if (sub.fanout) this.fanouts.push(sub);
    else this.consumers.set(sub.consumer, new Consumer(sub));
  }

  drain(source: OutboxSource) {
    if (source.db !== this.db) throw new Error('the embedded bus drains outboxes of its own database only');
    const index = this.schemas.push(source.schema) - 1;
    return {
      kick: () => {
        // Drained at once; kicks that come while a drain runs are taken together by the next one.
        this.kicked.add(index);
        this.drainSignal.notify();
      },
    };
  }

  async start(): Promise<void> {
    await this.db.exec(SCHEMA_SQL);
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM bus.subscriptions');
      for (const c of this.consumers.values())
        await tx.query('INSERT INTO bus.subscriptions (consumer, type) SELECT $1, unnest($2::text[])', [c.sub.consumer, c.sub.types]);
      // Fan-out consumers keep no rows; drop any left from an older version.
      if (this.fanouts.length)
        await tx.query('DELETE FROM bus.deliveries WHERE consumer = ANY($1::text[])', [this.fanouts.map((f) => f.consumer)]);
    });
    this.running = true;
    if (this.schemas.length) this.loops.push(this.drainLoop());
    for (const c of this.consumers.values()) this.loops.push(this.consumeLoop(c));
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const c of this.consumers.values()) {
      for (const t of c.timers) clearTimeout(t);
      c.timers.clear();
      c.signal.notify();
    }
    this.drainSignal.notify();
    await Promise.all(this.loops);
    this.loops.length = 0;
    await this.flushAcks();
  }

  async ping(): Promise<void> {
    await this.db.ping();
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    const rows = await this.db.query<{
      id: string;
      consumer: string;
      event_id: string;
      type: string;
      attempts: number;
      error: string;
      failed_at: Date | string;
      envelope: EventEnvelope;
    }>('SELECT id, consumer, event_id, type, attempts, error, failed_at, envelope FROM bus.dead_letters ORDER BY failed_at DESC LIMIT 500');
    return rows.map((r) => ({
      id: r.id,
      consumer: r.consumer,
      eventId: r.event_id,
      type: r.type,
      attempts: r.attempts,
      error: r.error,
      failedAt: new Date(r.failed_at).toISOString(),
      envelope: r.envelope,
    }));
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    const moved = await this.db.query<{ consumer: string }>(
      `WITH dl AS (DELETE FROM bus.dead_letters WHERE id = $1 RETURNING consumer, event_id, envelope)
       INSERT INTO bus.deliveries (consumer, event_id, envelope) SELECT consumer, event_id, envelope FROM dl
       ON CONFLICT (consumer, event_id) DO UPDATE SET attempts = 0, available_at = now()
       RETURNING consumer`,
      [id],
    );
    for (const m of moved) {
      const c = this.consumers.get(m.consumer);
      if (!c) continue;
      c.pollDue = true;
      c.signal.notify();
    }
    return moved.length > 0;
  }

  /** One statement for the outboxes at `indexes`: moves up to BATCH rows of each into deliveries. */
  private sqlFor(indexes: number[]): string {
    const key = indexes.join(',');
    let sql = this.drainSql.get(key);
    if (!sql) {
      const ctes = indexes.map(
        (i) =>
          `m${i} AS (DELETE FROM ${this.schemas[i]}.outbox
             WHERE seq IN (SELECT seq FROM ${this.schemas[i]}.outbox ORDER BY seq LIMIT ${BATCH})
             RETURNING seq, id, type, envelope)`,
      );
      const moved = indexes.map((i) => `SELECT ${i} AS src, seq, id, type, envelope FROM m${i}`).join(' UNION ALL ');
      sql = `WITH ${ctes.join(',\n')},
        moved AS (${moved}),
        ins AS (
          INSERT INTO bus.deliveries (consumer, event_id, envelope)
          SELECT s.consumer, m.id, m.envelope FROM moved m JOIN bus.subscriptions s ON s.type = m.type ORDER BY m.src, m.seq, s.consumer
          ON CONFLICT (consumer, event_id) DO NOTHING
          RETURNING id, consumer, event_id)
        SELECT m.src, m.seq, m.type, m.envelope, i.id AS delivery_id, i.consumer
        FROM moved m LEFT JOIN ins i ON i.event_id = m.id ORDER BY m.src, m.seq, i.id`;
      this.drainSql.set(key, sql);
    }
    return sql;
  }

  private async drainLoop(): Promise<void> {
    const everyOutbox = this.schemas.map((_, i) => i);
    // The first pass, and every pass after a quiet second, looks at every outbox (rows left by a crash).
    let all = true;
    while (this.running) {
      await turn();
      const indexes = all ? everyOutbox : [...this.kicked].sort((a, b) => a - b);
      this.kicked.clear();
      all = false;
      if (indexes.length) {
        try {
          const rows = await this.db.query<DrainedRow>(this.sqlFor(indexes));
          this.dispatch(rows);
        } catch (e) {
          if (!this.running) return;
          this.opts.logger.error({ err: e }, 'outbox drain failed');
          all = true;
        }
      }
      if (this.kicked.size || all) continue;
      const quietSince = Date.now();
      await this.drainSignal.wait(IDLE_POLL_MS);
      // Only a second without kicks counts as quiet: a kick taken by the drain that just ran also wakes the wait.
      all = this.kicked.size === 0 && Date.now() - quietSince >= IDLE_POLL_MS;
    }
  }

  /** Hands drained deliveries to their consumers and events to fan-out subscribers, in outbox order. */
  private dispatch(rows: DrainedRow[]) {
    const perSource = new Map<number, Set<number>>();
    const woken = new Set<Consumer>();
    let last = '';
    for (const r of rows) {
      const key = `${r.src}:${r.seq}`;
      if (key !== last) {
        last = key;
        const seen = perSource.get(r.src) ?? new Set<number>();
        seen.add(r.seq);
        perSource.set(r.src, seen);
        for (const f of this.fanouts) if (f.types.includes(r.type)) this.deliverFanout(f, r.envelope);
      }
      if (r.delivery_id === null || r.consumer === null) continue;
      const c = this.consumers.get(r.consumer);
      if (c?.offer({ id: r.delivery_id, envelope: r.envelope, attempts: 0 })) woken.add(c);
    }
    // A full batch from an outbox means there may be more behind it.
    for (const [src, seqs] of perSource) if (seqs.size >= BATCH) this.kicked.add(src);
    for (const c of woken) c.signal.notify();
  }

  private deliverFanout(sub: Subscription, envelope: EventEnvelope) {
    sub
      .handle(envelope)
      .catch((err) => this.opts.logger.warn({ err, consumer: sub.consumer, eventId: envelope.id }, 'live event not delivered'));
  }

  /** Reads due deliveries this process does not hold yet. */
  private async poll(c: Consumer): Promise<void> {
    c.pollDue = false;
    c.lastPoll = Date.now();
    const rows = await this.db.query<Delivery>(
      `SELECT id, envelope, attempts FROM bus.deliveries
       WHERE consumer = $1 AND available_at <= now() AND id <> ALL($2::bigint[]) ORDER BY id LIMIT ${BATCH}`,
      [c.sub.consumer, [...c.known]],
    );
    for (const r of rows) c.offer(r);
    if (rows.length >= BATCH) c.pollDue = true;
  }

  private async consumeLoop(c: Consumer): Promise<void> {
    while (this.running) {
      if (c.queue.length === 0 && (c.pollDue || Date.now() - c.lastPoll >= IDLE_POLL_MS)) {
        try {
          await this.poll(c);
        } catch (e) {
          if (!this.running) return;
          this.opts.logger.error({ err: e, consumer: c.sub.consumer }, 'event delivery failed');
        }
      }
      if (c.queue.length === 0) {
        await c.signal.wait(IDLE_POLL_MS);
        continue;
      }
      await turn();
      const batch = c.queue.splice(0, TX_BATCH).sort((a, b) => a.id - b.id);
      if (!(await this.handleTogether(c, batch))) await this.handleEach(c, batch);
    }
  }

  /** Several deliveries in one transaction; false (nothing applied) sends them one by one instead. */
  private async handleTogether(c: Consumer, batch: Delivery[]): Promise<boolean> {
    if (
      !this.running ||
      !(await handledTogether(
        c.sub,
        batch.map((d) => d.envelope),
      ))
    )
      return false;
    for (const d of batch) this.ack(c, d.id);
    return true;
  }

  private async handleEach(c: Consumer, batch: Delivery[]): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i];
      if (!this.running) {
        // Left in the table for the next start.
        for (const rest of batch.slice(i)) c.known.delete(rest.id);
        return;
      }
      try {
        await c.sub.handle(row.envelope);
        this.ack(c, row.id);
      } catch (e) {
        try {
          await this.fail(c, row, e as Error);
        } catch (err) {
          this.opts.logger.error({ err, consumer: c.sub.consumer }, 'event delivery failed');
          c.pollAfter(IDLE_POLL_MS);
        }
        c.known.delete(row.id);
      }
    }
  }

  /** Deletes handled deliveries in batches: whatever was handled while the previous delete ran. */
  private ack(consumer: Consumer, id: number) {
    this.acks.push({ consumer, id });
    if (!this.acking) this.acking = turn().then(() => this.flushLoop());
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.acks.length) {
        const batch = this.acks;
        this.acks = [];
        try {
          await this.db.query('DELETE FROM bus.deliveries WHERE id = ANY($1::bigint[])', [batch.map((a) => a.id)]);
          for (const a of batch) a.consumer.known.delete(a.id);
        } catch (e) {
          // Still handled: keep them known (never handed over again) and try the delete later.
          this.acks.push(...batch);
          if (!this.running) return;
          this.opts.logger.error({ err: e }, 'could not delete handled deliveries');
          await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
        }
      }
    } finally {
      this.acking = null;
    }
  }

  private async flushAcks(): Promise<void> {
    if (this.acking) await this.acking;
    if (this.acks.length) await this.flushLoop();
  }

  private async fail(c: Consumer, row: Delivery, error: Error) {
    const consumer = c.sub.consumer;
    const attempts = row.attempts + 1;
    const poison = error instanceof PoisonEventError;
    this.opts.logger.warn({ consumer, eventId: row.envelope.id, type: row.envelope.type, attempts, err: error }, 'event handler failed');
    if (poison || attempts >= this.opts.maxDeliver) {
      await this.db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO bus.dead_letters (id, consumer, event_id, type, envelope, attempts, error) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [newId(), consumer, row.envelope.id, row.envelope.type, JSON.stringify(row.envelope), attempts, error.message],
        );
        await tx.query('DELETE FROM bus.deliveries WHERE id = $1', [row.id]);
      });
      return;
    }
    const delay = retryDelayMs(attempts);
    await this.db.query(
      `UPDATE bus.deliveries SET attempts = $2, last_error = $3, available_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`,
      [row.id, attempts, error.message, String(delay)],
    );
    c.pollAfter(delay + 5);
  }
}
