import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { Signal, turn } from '../signal.ts';
import { handledTogether, retryDelayMs, type DeadLetter, type EventBus, type OutboxSource, type Subscription } from './bus.ts';
import { PoisonEventError, type EventEnvelope } from './envelope.ts';

const RELAY_BATCH = 200;
/** Messages of one consumer handled in one transaction at most. */
const TX_BATCH = 32;
const RELAY_POLL_MS = 500;
const DEAD_LETTER_LIST_LIMIT = 500;

/** The messages a service's consumers received and it has not handled yet. */
interface Lane {
  queue: JsMsg[];
  arrived: Signal;
}

interface Options {
  namespace: string;
  maxDeliver: number;
  ackWaitMs: number;
  logger: Logger;
}

/** The durable JetStream consumer of one service for one event type (what KEDA watches for lag). */
export const jetStreamConsumerName = (namespace: string, consumer: string, type: string) =>
  `${namespace}_${consumer}_${type.replace(/\./g, '_')}`;

/** Connects to NATS and keeps reconnecting for as long as the process lives. */
export function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: url.split(','), name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
}

/**
 * The event bus on NATS JetStream. Outboxes are relayed with `Nats-Msg-Id` = event id, so the
 * broker drops a re-sent event; each service's replicas share one durable consumer with
 * explicit acks, backoff, and a dead-letter stream after `maxDeliver` failed tries.
 */
export class JetStreamBus implements EventBus {
  private readonly subs: Subscription[] = [];
  private readonly sources: Array<{ source: OutboxSource; signal: Signal }> = [];
  private readonly loops: Promise<void>[] = [];
  private readonly stoppers: Array<() => void> = [];
  private readonly lanes: Lane[] = [];
  private js!: JetStreamClient;
  private jsm!: JetStreamManager;
  private running = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly opts: Options,
  ) {}

  get eventStream() {
    return `${this.opts.namespace}_events`;
  }
  get deadStream() {
    return `${this.opts.namespace}_dead`;
  }
  private subject(type: string) {
    return `${this.opts.namespace}.events.${type}`;
  }
  private replaySubject(consumer: string) {
    return `${this.opts.namespace}.replay.${consumer}`;
  }

  subscribe(sub: Subscription): void {
    if (this.running) throw new Error('subscribe before the bus starts');
    this.subs.push(sub);
  }

  drain(source: OutboxSource) {
    const signal = new Signal();
    this.sources.push({ source, signal });
    return { kick: () => signal.notify() };
  }

  async start(): Promise<void> {
    this.jsm = await jetstreamManager(this.nc);
    this.js = jetstream(this.nc);
    const ns = this.opts.namespace;
    await this.ensureStream({ name: this.eventStream, subjects: [`${ns}.events.>`, `${ns}.replay.>`], duplicate_window: nanos(120_000) });
    await this.ensureStream({ name: this.deadStream, subjects: [`${ns}.dead.>`] });
    this.running = true;
    for (const { source, signal } of this.sources) this.loops.push(this.relayLoop(source, signal));
    for (const sub of this.subs) this.loops.push(sub.fanout ? this.fanoutLoop(sub) : this.consumeLoop(sub));
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const { signal } of this.sources) signal.notify();
    for (const { arrived } of this.lanes) arrived.notify();
    for (const stop of this.stoppers) stop();
    await Promise.all(this.loops);
    this.loops.length = 0;
  }

  async ping(): Promise<void> {
    if (this.nc.isClosed()) throw new Error('NATS connection closed');
    await this.nc.flush();
  }

  async listDeadLetters(): Promise<DeadLetter[]> {
    return (await this.deadLetterMessages()).map((m) => m.letter);
  }

  async replayDeadLetter(id: string): Promise<boolean> {
    const found = (await this.deadLetterMessages()).find((m) => m.letter.id === id);
    if (!found) return false;
    const { consumer, envelope } = found.letter;
    // The replay goes to the one consumer that failed, not to every subscriber of the type.
    await this.js.publish(this.replaySubject(consumer), JSON.stringify(envelope), { msgID: `replay-${id}` });
    await this.jsm.streams.deleteMessage(this.deadStream, found.seq);
    return true;
  }

  private async ensureStream(config: { name: string; subjects: string[]; duplicate_window?: number }) {
    try {
      await this.jsm.streams.info(config.name);
      await this.jsm.streams.update(config.name, config);
    } catch (e) {
      if (!/stream not found/i.test((e as Error).message)) throw e;
      try {
        await this.jsm.streams.add(config);
      } catch (err) {
        // Another replica created it first.
        if (!/already in use|exists/i.test((err as Error).message)) throw err;
      }
    }
  }

  private async deadLetterMessages(): Promise<Array<{ seq: number; letter: DeadLetter }>> {
    const info = await this.jsm.streams.info(this.deadStream);
    const out: Array<{ seq: number; letter: DeadLetter }> = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && out.length < DEAD_LETTER_LIST_LIMIT; seq++) {
      const msg = await this.jsm.streams.getMessage(this.deadStream, { seq }).catch(() => null);
      if (msg) out.push({ seq, letter: msg.json<DeadLetter>() });
    }
    return out.reverse();
  }

  /**
   * Moves committed outbox rows to JetStream; row locks let several replicas relay one outbox. The
   * rows are deleted first and the deletion commits only once JetStream has them all, so a failed
   * publish puts them back.
   */
  private async relayLoop({ db, schema, service }: OutboxSource, signal: Signal): Promise<void> {
    while (this.running) {
      let moved = 0;
      try {
        moved = await db.transaction(async (tx) => {
          const rows = await tx.query<{ seq: number; id: string; type: string; envelope: EventEnvelope }>(
            `DELETE FROM ${schema}.outbox
             WHERE seq IN (SELECT seq FROM ${schema}.outbox ORDER BY seq LIMIT ${RELAY_BATCH} FOR UPDATE SKIP LOCKED)
             RETURNING seq, id, type, envelope`,
          );
          rows.sort((a, b) => a.seq - b.seq);
          await Promise.all(rows.map((r) => this.js.publish(this.subject(r.type), JSON.stringify(r.envelope), { msgID: r.id })));
          return rows.length;
        });
      } catch (err) {
        if (!this.running) return;
        this.opts.logger.warn({ err, service }, 'outbox relay failed; will retry');
      }
      if (moved < RELAY_BATCH) {
        await signal.wait(RELAY_POLL_MS);
        await turn();
      }
    }
  }

  /**
   * One durable consumer per handled type (plus one for replays), each with a single filter
   * subject, which every JetStream server version supports; the replicas of a service share them.
   */
  private consumerNames(sub: Subscription): Array<{ durable: string; subject: string }> {
    const ns = this.opts.namespace;
    return [
      ...sub.types.map((t) => ({ durable: jetStreamConsumerName(ns, sub.consumer, t), subject: this.subject(t) })),
      { durable: `${ns}_${sub.consumer}__replay`, subject: this.replaySubject(sub.consumer) },
    ];
  }

  private async ensureConsumer(durable: string, subject: string): Promise<void> {
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: subject,
      ack_wait: nanos(this.opts.ackWaitMs),
      // The client dead-letters at maxDeliver; the server's limit only stops a message that keeps crashing processes.
      max_deliver: this.opts.maxDeliver + 2,
      max_ack_pending: 1000,
    };
    try {
      await this.jsm.consumers.info(this.eventStream, durable);
    } catch {
      await this.jsm.consumers.add(this.eventStream, config).catch((e: Error) => {
        if (!/already in use|exists/i.test(e.message)) throw e;
      });
    }
  }

  /**
   * A service's durable consumers (one per event type) feed one queue, handled one batch at a time:
   * its events of every type share batches, and two of its own batches never hold row locks
   * crosswise, which would stall both until the lock timeout.
   */
  private consumeLoop(sub: Subscription): Promise<void> {
    const lane: Lane = { queue: [], arrived: new Signal() };
    this.lanes.push(lane);
    const pumps = this.consumerNames(sub).map(({ durable, subject }) => this.consumeOne(durable, subject, lane));
    return Promise.all([...pumps, this.handleLane(sub, lane)]).then(() => {});
  }

  private async consumeOne(durable: string, subject: string, lane: Lane): Promise<void> {
    while (this.running) {
      try {
        await this.ensureConsumer(durable, subject);
        const consumer = await this.js.consumers.get(this.eventStream, durable);
        const messages = await consumer.consume({ max_messages: 100 });
        this.stoppers.push(() => void messages.stop());
        for await (const msg of messages) {
          lane.queue.push(msg);
          lane.arrived.notify();
        }
      } catch (err) {
        if (!this.running) return;
        this.opts.logger.warn({ err, consumer: durable }, 'consumer interrupted; resubscribing');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /**
   * Handles the messages as they come, taking together those that arrived while the previous
   * ones were being handled: one transaction and commit for the lot (up to TX_BATCH). The busier
   * the service, the bigger the batches; a quiet one handles each message as soon as it comes.
   * Messages taken but not handled when the bus stops are redelivered after the ack wait.
   */
  private async handleLane(sub: Subscription, lane: Lane): Promise<void> {
    while (this.running) {
      if (lane.queue.length === 0) {
        // The pumps notify on every message, and stop() wakes every waiter; the timeout is a safety net.
        await lane.arrived.wait(RELAY_POLL_MS);
        await turn();
        continue;
      }
      await this.deliverBatch(sub, lane.queue.splice(0, TX_BATCH));
    }
  }

  /** One transaction for the batch; when it fails, each message on its own, so only the failing one is retried. */
  private async deliverBatch(sub: Subscription, batch: JsMsg[]): Promise<void> {
    if (
      await handledTogether(
        sub,
        batch.map((m) => m.json<EventEnvelope>()),
      )
    ) {
      for (const m of batch) m.ack();
      return;
    }
    for (const msg of batch) {
      if (!this.running) return;
      await this.deliver(sub, msg);
    }
  }

  private async deliver(sub: Subscription, msg: JsMsg): Promise<void> {
    const envelope = msg.json<EventEnvelope>();
    try {
      await sub.handle(envelope);
      msg.ack();
    } catch (e) {
      const error = e as Error;
      const attempts = msg.info.deliveryCount;
      this.opts.logger.warn(
        { consumer: sub.consumer, eventId: envelope.id, type: envelope.type, attempts, err: error },
        'event handler failed',
      );
      if (error instanceof PoisonEventError || attempts >= this.opts.maxDeliver) {
        const letter: DeadLetter = {
          id: newId(),
          consumer: sub.consumer,
          eventId: envelope.id,
          type: envelope.type,
          attempts,
          error: error.message,
          failedAt: new Date().toISOString(),
          envelope,
        };
        try {
          await this.js.publish(`${this.opts.namespace}.dead.${sub.consumer}`, JSON.stringify(letter), { msgID: `dead-${letter.id}` });
          msg.term();
        } catch {
          msg.nak(retryDelayMs(attempts));
        }
        return;
      }
      msg.nak(retryDelayMs(attempts));
    }
  }

  /** Live fan-out: an ordered consumer of new events only, private to this process. */
  private async fanoutLoop(sub: Subscription): Promise<void> {
    while (this.running) {
      try {
        const consumer = await this.js.consumers.get(this.eventStream, {
          filter_subjects: `${this.opts.namespace}.events.>`,
          deliver_policy: DeliverPolicy.New,
        });
        const messages = await consumer.consume();
        this.stoppers.push(() => void messages.stop());
        const wanted = new Set(sub.types.map((t) => this.subject(t)));
        for await (const msg of messages) {
          if (!this.running) break;
          if (!wanted.has(msg.subject)) continue;
          await sub
            .handle(msg.json<EventEnvelope>())
            .catch((err) => this.opts.logger.warn({ err, consumer: sub.consumer }, 'fan-out handler failed'));
        }
      } catch (err) {
        if (!this.running) return;
        this.opts.logger.warn({ err, consumer: sub.consumer }, 'fan-out interrupted; resubscribing');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
