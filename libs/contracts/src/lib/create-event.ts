import { randomUUID } from 'node:crypto';
import { Actor, ServiceName, TraceContext, UnplacedEvent } from './envelope';
import { EventDefinition } from './event-definition';

export interface EventContext {
  readonly source: ServiceName;
  readonly actor: Actor;
  /** Follows one request through every service it touches. */
  readonly correlationId: string;
  /** The event or request that directly caused this one. */
  readonly causationId?: string | null;
  readonly trace?: TraceContext;
  /** When it happened in the world (a form's service date, a decree's effective date); defaults to now. */
  readonly occurredAt?: string;
  readonly now?: Date;
}

/** Builds an event of a defined type, its data checked against the current schema. */
export function createEvent<TType extends string, TData>(
  definition: EventDefinition<TType, TData>,
  subject: string,
  data: TData,
  context: EventContext,
): UnplacedEvent<TType, TData> {
  const parsed = definition.schema.parse(data);
  const recordedAt = (context.now ?? new Date()).toISOString();
  return {
    id: randomUUID(),
    type: definition.type,
    schemaVersion: definition.version,
    occurredAt: context.occurredAt ?? recordedAt,
    recordedAt,
    source: context.source,
    subject,
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    trace: context.trace ?? {},
    ledger: null,
    data: parsed,
  };
}
