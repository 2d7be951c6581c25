import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger, EmbeddedBus, makeEnvelope, messagingTablesSql, openPglite, type Db, type EventEnvelope } from '../src/index.ts';

const registry = { 'thing.happened': z.object({ n: z.number() }) };

const waitFor = async (ok: () => boolean, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('EmbeddedBus batches', () => {
  let db: Db;
  let bus: EmbeddedBus;
  const batches: number[][] = [];
  const single: number[] = [];
  let failing = new Set<number>();

  beforeEach(async () => {
    db = await openPglite();
    await db.exec(`CREATE SCHEMA src; ${messagingTablesSql('src')}`);
    bus = new EmbeddedBus(db, { maxDeliver: 2, logger: createLogger('test', 'silent') });
    batches.length = 0;
    single.length = 0;
    failing = new Set();
    const n = (e: EventEnvelope) => (e.payload as { n: number }).n;
    bus.subscribe({
      consumer: 'sink',
      types: ['thing.happened'],
      handle: (e) => {
        if (failing.has(n(e))) return Promise.reject(new Error(`cannot take ${n(e)}`));
        single.push(n(e));
        return Promise.resolve();
      },
      handleBatch: (events) => {
        if (events.some((e) => failing.has(n(e)))) return Promise.reject(new Error('one of them fails'));
        batches.push(events.map(n));
        return Promise.resolve();
      },
    });
  });
  afterEach(async () => {
    await bus.stop();
    await db.close();
  });

  /** Commits `count` events at once, as a burst of transactions would leave them in an outbox. */
  async function publish(count: number) {
    await db.transaction(async (tx) => {
      for (let n = 0; n < count; n++) {
        const e = makeEnvelope(registry, 'thing.happened', `a${n}`, { n });
        await tx.query('INSERT INTO src.outbox (id, type, envelope) VALUES ($1, $2, $3)', [e.id, e.type, JSON.stringify(e)]);
      }
    });
  }

  it('hands the deliveries waiting for a consumer to it together, in order', async () => {
    await publish(5);
    bus.drain({ service: 'src', db, schema: 'src' });
    await bus.start();
    await waitFor(() => batches.flat().length + single.length === 5);
    expect(batches).toEqual([[0, 1, 2, 3, 4]]);
    expect(single).toEqual([]);
  });

  it('falls back to one delivery at a time when the batch fails, so only the failing one is retried and parked', async () => {
    failing = new Set([2]);
    await publish(4);
    bus.drain({ service: 'src', db, schema: 'src' });
    await bus.start();
    await waitFor(() => single.length === 3);
    const letters = async () => (await bus.listDeadLetters()).map((d) => (d.envelope.payload as { n: number }).n);
    const until = Date.now() + 10_000;
    while ((await letters()).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await letters()).toEqual([2]);
    expect(single).toEqual([0, 1, 3]);
    expect(batches).toEqual([]);
  });
});
