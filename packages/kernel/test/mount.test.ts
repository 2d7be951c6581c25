import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createLogger,
  createMetrics,
  loadConfig,
  makeEnvelope,
  MemoryCache,
  mountService,
  openPglite,
  type Db,
  type Subscription,
} from '../src/index.ts';
import { recordingBus } from '../../../test/support/service-host.ts';

const registry = { 'thing.counted': z.object({ n: z.number() }), 'thing.echoed': z.object({ n: z.number() }) };

describe('a mounted service handling a batch of events', () => {
  let db: Db;
  let sub: Subscription;
  const migrations = mkdtempSync(join(tmpdir(), 'mercato-mount-test-'));

  beforeAll(async () => {
    db = await openPglite();
    const { bus, subscription } = recordingBus();
    await mountService(
      {
        name: 'counter',
        publicPaths: [],
        migrationsDir: migrations,
        async create(ctx) {
          await db.exec('CREATE TABLE counter.seen (n int NOT NULL)');
          return {
            routes() {},
            handlers: {
              'thing.counted': async (event, tx) => {
                const { n } = event.payload as { n: number };
                if (n < 0) throw new Error('negative');
                await tx.query('INSERT INTO counter.seen (n) VALUES ($1)', [n]);
                if (n >= 100) ctx.outbox.emit(tx, 'thing.echoed', event.aggregateId, { n }, event);
              },
            },
          };
        },
      },
      {
        db,
        bus,
        cache: new MemoryCache(),
        config: loadConfig({}),
        logger: createLogger('test', 'silent'),
        metrics: createMetrics('test'),
        registry,
        clients: {},
      },
    );
    sub = subscription()!;
  });
  afterAll(async () => {
    await db.close();
    rmSync(migrations, { recursive: true, force: true });
  });

  const seen = async () => (await db.query<{ n: number }>('SELECT n FROM counter.seen ORDER BY n')).map((r) => r.n);

  it('applies each new event once, skipping those already handled and repeats within the batch', async () => {
    const [a, b, c] = [1, 2, 3].map((n) => makeEnvelope(registry, 'thing.counted', `a${n}`, { n }));
    await sub.handle(a);
    await sub.handleBatch!([a, b, c, b]);
    expect(await seen()).toEqual([1, 2, 3]);
  });

  it('commits nothing of a batch when one of its events fails', async () => {
    const ok = makeEnvelope(registry, 'thing.counted', 'ok', { n: 10 });
    const bad = makeEnvelope(registry, 'thing.counted', 'bad', { n: -1 });
    await expect(sub.handleBatch!([ok, bad])).rejects.toThrow('negative');
    expect(await seen()).toEqual([1, 2, 3]);
    // The inbox claim was rolled back with it: the event is still new on its own.
    await sub.handle(ok);
    expect(await seen()).toEqual([1, 2, 3, 10]);
  });

  it("publishes a batch's follow-up events in the order they were emitted, and none of a failed batch", async () => {
    const batch = [103, 101, 102].map((n) => makeEnvelope(registry, 'thing.counted', `e${n}`, { n }));
    await sub.handleBatch!(batch);
    await expect(
      sub.handleBatch!([
        makeEnvelope(registry, 'thing.counted', 'e104', { n: 104 }),
        makeEnvelope(registry, 'thing.counted', 'bad', { n: -1 }),
      ]),
    ).rejects.toThrow('negative');
    const outbox = await db.query<{ id: string; type: string; envelope: { payload: { n: number }; causationId: string } }>(
      'SELECT id, type, envelope FROM counter.outbox ORDER BY seq',
    );
    expect(outbox.map((r) => [r.type, r.envelope.payload.n])).toEqual([
      ['thing.echoed', 103],
      ['thing.echoed', 101],
      ['thing.echoed', 102],
    ]);
    expect(outbox.map((r) => r.envelope.causationId)).toEqual(batch.map((e) => e.id));
  });
});
