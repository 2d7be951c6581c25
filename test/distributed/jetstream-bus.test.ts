import { connectNats, createLogger, JetStreamBus, jetStreamConsumerName, makeEnvelope, type EventEnvelope } from '@mercato/kernel';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { describeDistributed, dropNamespace, NATS_URL } from './support.ts';

const registry = { 'thing.made': z.object({ n: z.number() }), 'thing.sold': z.object({ n: z.number() }) };
const types = Object.keys(registry);

describeDistributed('the JetStream bus', () => {
  const namespace = `jb${Date.now().toString(36)}`;
  let nc: NatsConnection;
  let bus: JetStreamBus;
  const batches: string[][] = [];
  let active = 0;
  let mostAtOnce = 0;
  // The first batch is held until every message has reached this process, so what queued behind it
  // does not depend on which consumer the server happened to serve first.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));

  beforeAll(async () => {
    nc = await connectNats(NATS_URL, 'bus-test');
    bus = new JetStreamBus(nc, { namespace, maxDeliver: 3, ackWaitMs: 30_000, logger: createLogger('test', 'silent') });
    const handle = async (events: EventEnvelope[]) => {
      mostAtOnce = Math.max(mostAtOnce, ++active);
      if (batches.length === 0) await held;
      await new Promise((r) => setTimeout(r, 30));
      batches.push(events.map((e) => e.type));
      active--;
    };
    bus.subscribe({ consumer: 'shop', types, handle: (e) => handle([e]), handleBatch: handle });
    await bus.start();
  });
  afterAll(async () => {
    release();
    await bus?.stop();
    await nc?.close();
    await dropNamespace(namespace);
  });

  it('hands a service its events of every type in shared batches, one batch at a time', async () => {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const sent = Array.from({ length: 60 }, (_, n) => makeEnvelope(registry, n % 2 ? 'thing.sold' : 'thing.made', `a${n}`, { n }));
    await Promise.all(sent.map((e) => js.publish(`${namespace}.events.${e.type}`, JSON.stringify(e), { msgID: e.id })));
    const delivered = async () => {
      const infos = await Promise.all(
        types.map((t) => jsm.consumers.info(bus.eventStream, jetStreamConsumerName(namespace, 'shop', t)).catch(() => null)),
      );
      return infos.reduce((sum, info) => sum + (info?.delivered.consumer_seq ?? 0), 0);
    };
    await expect.poll(delivered, { timeout: 10_000 }).toBe(60);
    await nc.flush();
    // The client has them; give its pumps a moment to move them into the lane on a busy machine.
    await new Promise((r) => setTimeout(r, 500));
    release();
    await expect.poll(() => batches.flat().length, { timeout: 10_000 }).toBe(60);
    expect(mostAtOnce).toBe(1);
    // 59 messages waited behind the first batch, 30 of each type at most: the next batch of 32 holds both.
    expect(batches.some((b) => b.includes('thing.made') && b.includes('thing.sold'))).toBe(true);
    expect(batches.length).toBeLessThan(60);
  });
});
