import type { Db } from '../db/db.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { Signal } from '../signal.ts';
import { retryDelayMs, type DeadLetter, type EventBus, type OutboxSource, type Subscription } from './bus.ts';
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
const IDLE_POLL_MS = 1000;

interface Options {
  maxDeliver: number;
  logger: Logger;
}

/**
 * The embedded event bus: durable queues in the same PGlite as the services. Draining an
 * outbox moves its rows into per-consumer delivery rows in one statement, so an event is
 * never both lost and never only half fanned out, whatever moment the process dies.
 */
export class EmbeddedBus implements EventBus {
  private readonly subs = new Map<string, Subscription>();
  private readonly wake = new Map<string, Signal>();
  private readonly sources: Array<{ source: OutboxSource; signal: Signal }> = [];
  private readonly loops: Promise<void>[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly opts: Options,
  ) {}

  subscribe(sub: Subscription): void {
    if (this.running) throw new Error('subscribe before the bus starts');
    this.subs.set(sub.consumer, sub);
    this.wake.set(sub.consumer, new Signal());
  }

  drain(source: OutboxSource) {
    if (source.db !== this.db) throw new Error('the embedded bus drains outboxes of its own database only');
    const signal = new Signal();
    this.sources.push({ source, signal });
    return { kick: () => signal.notify() };
  }

  async start(): Promise<void> {
    await this.db.exec(SCHEMA_SQL);
    await this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM bus.subscriptions');
      for (const sub of this.subs.values())
        await tx.query('INSERT INTO bus.subscriptions (consumer, type) SELECT $1, unnest($2::text[])', [sub.consumer, sub.types]);
    });
    this.running = true;
    for (const { source, signal } of this.sources) this.loops.push(this.drainLoop(source.schema, signal));
    for (const sub of this.subs.values()) this.loops.push(this.consumeLoop(sub, this.wake.get(sub.consumer)!));
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const s of this.wake.values()) s.notify();
    for (const { signal } of this.sources) signal.notify();
    await Promise.all(this.loops);
    this.loops.length = 0;
  }

  async ping(): Promise<void> {
    await this.db.ping();
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    const rows = await this.db.query<any>(
      'SELECT id, consumer, event_id, type, attempts, error, failed_at, envelope FROM bus.dead_letters ORDER BY failed_at DESC LIMIT 500',
    );
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
    for (const m of moved) this.wake.get(m.consumer)?.notify();
    return moved.length > 0;
  }

  private async drainLoop(schema: string, signal: Signal): Promise<void> {
    while (this.running) {
      try {
        const moved = await this.db.query<{ consumer: string }>(
          `WITH moved AS (
             DELETE FROM ${schema}.outbox WHERE seq IN (SELECT seq FROM ${schema}.outbox ORDER BY seq LIMIT ${BATCH})
             RETURNING seq, id, type, envelope)
           INSERT INTO bus.deliveries (consumer, event_id, envelope)
           SELECT s.consumer, m.id, m.envelope FROM moved m JOIN bus.subscriptions s ON s.type = m.type ORDER BY m.seq
           ON CONFLICT (consumer, event_id) DO NOTHING
           RETURNING consumer`,
        );
        for (const consumer of new Set(moved.map((m) => m.consumer))) this.wake.get(consumer)?.notify();
        if (moved.length >= BATCH) continue;
      } catch (e) {
        if (!this.running) return;
        this.opts.logger.error({ err: e, schema }, 'outbox drain failed');
      }
      await signal.wait(IDLE_POLL_MS);
    }
  }

  private async consumeLoop(sub: Subscription, signal: Signal): Promise<void> {
    while (this.running) {
      let rows: Array<{ id: number; envelope: EventEnvelope; attempts: number }> = [];
      try {
        rows = await this.db.query(
          `SELECT id, envelope, attempts FROM bus.deliveries WHERE consumer = $1 AND available_at <= now() ORDER BY id LIMIT ${BATCH}`,
          [sub.consumer],
        );
        const done: number[] = [];
        for (const row of rows) {
          if (!this.running) break;
          try {
            await sub.handle(row.envelope);
            done.push(row.id);
          } catch (e) {
            await this.fail(sub.consumer, row, e as Error);
          }
        }
        if (done.length) await this.db.query('DELETE FROM bus.deliveries WHERE id = ANY($1::bigint[])', [done]);
      } catch (e) {
        if (!this.running) return;
        this.opts.logger.error({ err: e, consumer: sub.consumer }, 'event delivery failed');
      }
      if (rows.length < BATCH) await signal.wait(rows.length ? 50 : IDLE_POLL_MS);
    }
  }

  private async fail(consumer: string, row: { id: number; envelope: EventEnvelope; attempts: number }, error: Error) {
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
    await this.db.query(
      `UPDATE bus.deliveries SET attempts = $2, last_error = $3, available_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`,
      [row.id, attempts, error.message, String(retryDelayMs(attempts))],
    );
  }
}
