import { connectNats, createLogger, JetStreamBus, makeEnvelope, type EventEnvelope } from '@mercato/kernel';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { describeDistributed, dropNamespace, NATS_URL } from './support.ts';

const registry = { 'thing.made': z.object({ n: z.number() }), 'thing.sold': z.object({ n: z.number() }) };

describeDistributed('the JetStream bus', () => {
  const namespace = `jb${Date.now().toString(36)}`;
  let nc: NatsConnection;
  let bus: JetStreamBus;
  const batches: string[][] = [];
  let active = 0;
  let mostAtOnce = 0;

  beforeAll(async () => {
    nc = await connectNats(NATS_URL, 'bus-test');
    bus = new JetStreamBus(nc, { namespace, maxDeliver: 3, ackWaitMs: 30_000, logger: createLogger('test', 'silent') });
    const handle = async (events: EventEnvelope[]) => {
      mostAtOnce = Math.max(mostAtOnce, ++active);
      // A slow transaction: meanwhile the next messages of both types queue up.
      await new Promise((r) => setTimeout(r, 30));
      batches.push(events.map((e) => e.type));
      active--;
    };
    bus.subscribe({ consumer: 'shop', types: Object.keys(registry), handle: (e) => handle([e]), handleBatch: handle });
    await bus.start();
  });
  afterAll(async () => {
    await bus?.stop();
    await nc?.close();
    await dropNamespace(namespace);
  });

  it("hands a service its events of every type in shared batches, one batch at a time", async () => {
    const js = jetstream(nc);
    const sent = Array.from({ length: 60 }, (_, n) => makeEnvelope(registry, n % 2 ? 'thing.sold' : 'thing.made', `a${n}`, { n }));
    await Promise.all(sent.map((e) => js.publish(`${namespace}.events.${e.type}`, JSON.stringify(e), { msgID: e.id })));
    await expect.poll(() => batches.flat().length, { timeout: 10_000 }).toBe(60);
    expect(mostAtOnce).toBe(1);
    expect(batches.some((b) => b.includes('thing.made') && b.includes('thing.sold'))).toBe(true);
    expect(batches.length).toBeLessThan(60);
  });
});
