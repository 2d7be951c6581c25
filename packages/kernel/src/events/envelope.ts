import type { z } from 'zod';
import { newId } from '../ids.ts';

/** Every event travels in this envelope, in the outbox, on the bus and in dead letters alike. */
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  aggregateId: string;
  correlationId: string;
  causationId: string | null;
  payload: P;
}

/** Maps each event type to the zod schema of its payload (supplied by @mercato/contracts). */
export type EventRegistry = Record<string, z.ZodType>;

export type PayloadOf<R extends EventRegistry, T extends keyof R> = z.infer<R[T]>;

/** An event whose payload does not match its schema can never succeed: it goes straight to dead letters. */
export class PoisonEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonEventError';
  }
}

export function makeEnvelope<P>(
  registry: EventRegistry,
  type: string,
  aggregateId: string,
  payload: P,
  cause?: Pick<EventEnvelope, 'id' | 'correlationId'>,
): EventEnvelope<P> {
  const schema = registry[type];
  if (!schema) throw new Error(`unknown event type ${type}`);
  const id = newId();
  return {
    id,
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    aggregateId,
    correlationId: cause?.correlationId ?? id,
    causationId: cause?.id ?? null,
    payload: schema.parse(payload) as P,
  };
}

/** Validates a received envelope's payload against its type's schema. */
export function checkEnvelope(registry: EventRegistry, envelope: EventEnvelope): EventEnvelope {
  const schema = registry[envelope.type];
  if (!schema) throw new PoisonEventError(`unknown event type ${envelope.type}`);
  const parsed = schema.safeParse(envelope.payload);
  if (!parsed.success) throw new PoisonEventError(`invalid ${envelope.type} payload: ${parsed.error.message}`);
  return { ...envelope, payload: parsed.data };
}
