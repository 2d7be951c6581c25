import type { Db } from '../db/db.ts';
import type { EventEnvelope } from './envelope.ts';

/** A durable consumer: every event of its types is handed to `handle` at least once. */
export interface Subscription {
  consumer: string;
  types: string[];
  handle(event: EventEnvelope): Promise<void>;
  /**
   * Handles several events at once, all or nothing (one transaction), which saves a commit per
   * event. When it throws, the bus hands the same events to `handle` one by one, so only the
   * failing one is retried or parked. Durable consumers only.
   */
  handleBatch?(events: EventEnvelope[]): Promise<void>;
  /**
   * Every process gets every event, from the moment it subscribes, with no retry or dead
   * letter (live fan-out, such as pushing order updates to browsers). Otherwise the replicas of
   * a consumer share one durable queue and each event goes to one of them.
   */
  fanout?: boolean;
}

/** Where a service's outbox lives, so the bus (or its relay) can drain it. */
export interface OutboxSource {
  service: string;
  db: Db;
  schema: string;
}

export interface DeadLetter {
  id: string;
  consumer: string;
  eventId: string;
  type: string;
  attempts: number;
  error: string;
  failedAt: string;
  envelope: EventEnvelope;
}

/**
 * The event-bus port. Embedded: tables in the shared PGlite. Distributed: NATS JetStream.
 * Delivery is at least once; consumers make it exactly-once in effect with their inbox.
 */
export interface EventBus {
  subscribe(sub: Subscription): void;
  /** Registers an outbox to drain; `kick` says new rows have committed there. */
  drain(source: OutboxSource): { kick: () => void };
  start(): Promise<void>;
  stop(): Promise<void>;
  listDeadLetters(): Promise<DeadLetter[]>;
  /** Puts a dead letter back for delivery; false when no such dead letter exists. */
  replayDeadLetter(id: string): Promise<boolean>;
  ping(): Promise<void>;
}

/**
 * Hands several events to the subscription's `handleBatch`, the one policy of both buses: true when
 * they were all applied together; false when there was nothing to gain (one event, no batch handler)
 * or the batch failed and applied nothing, so the bus delivers them one by one instead.
 */
export async function handledTogether(sub: Subscription, events: EventEnvelope[]): Promise<boolean> {
  if (events.length < 2 || !sub.handleBatch) return false;
  try {
    await sub.handleBatch(events);
    return true;
  } catch {
    return false;
  }
}

/** Backoff between redeliveries of a failing event: 200 ms doubling, capped at 30 s. */
export const retryDelayMs = (attempts: number) => Math.min(30_000, 200 * 2 ** Math.max(0, attempts - 1));
