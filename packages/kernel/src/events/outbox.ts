import type { Tx } from '../db/db.ts';
import { makeEnvelope, type EventEnvelope, type EventRegistry, type PayloadOf } from './envelope.ts';

/** DDL of the messaging tables every service owns: the transactional outbox and the consumer inbox. */
export const messagingTablesSql = (schema: string) => `
CREATE TABLE IF NOT EXISTS ${schema}.outbox (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  envelope jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${schema}.inbox (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
`;

/**
 * Publishing an event = writing it to the outbox in the caller's transaction, so the event exists
 * if and only if the state change committed. A transaction's events are written together, in the
 * order they were emitted, by one statement just before it commits: a batch of handled events
 * publishes its follow-ups with one insert instead of one each.
 */
export class Outbox<R extends EventRegistry> {
  private readonly pending = new WeakMap<Tx, EventEnvelope[]>();

  constructor(
    private readonly schema: string,
    private readonly registry: R,
    private readonly onCommit: () => void,
  ) {}

  emit<T extends keyof R & string>(
    tx: Tx,
    type: T,
    aggregateId: string,
    payload: PayloadOf<R, T>,
    cause?: Pick<EventEnvelope, 'id' | 'correlationId'>,
  ): EventEnvelope<PayloadOf<R, T>> {
    const envelope = makeEnvelope(this.registry, type, aggregateId, payload, cause);
    (this.pending.get(tx) ?? this.open(tx)).push(envelope);
    return envelope;
  }

  /** At a transaction's first event: its events are written just before it commits, relayed after. */
  private open(tx: Tx): EventEnvelope[] {
    const events: EventEnvelope[] = [];
    this.pending.set(tx, events);
    tx.beforeCommit(() => this.write(tx, events));
    tx.afterCommit(this.onCommit);
    return events;
  }

  private async write(tx: Tx, events: EventEnvelope[]) {
    await tx.query(`INSERT INTO ${this.schema}.outbox (id, type, envelope) SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[])`, [
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e)),
    ]);
  }
}

/** Records that a consumer handled these events; returns the ids it had not handled before (not redeliveries). */
export async function claimInbox(tx: Tx, schema: string, consumer: string, eventIds: string[]): Promise<Set<string>> {
  const rows = await tx.query<{ event_id: string }>(
    `INSERT INTO ${schema}.inbox (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}
