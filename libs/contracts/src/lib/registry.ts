import { z } from 'zod';
import { canonicalJson } from './canonical';
import { EventEnvelope, envelopeSchema, ServiceName } from './envelope';
import { EventDefinition } from './event-definition';

/** Why a message could not become an event; consumers put it on the dead-letter topic with this reason. */
export class EventDecodeError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'EventDecodeError';
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The event types a reader knows. Decoding checks the envelope, then the data against the schema of
 * the version it was written with, then upcasts it step by step to the current version, so consumers
 * only ever see current data while old events in the log stay exactly as they were published.
 */
export class EventRegistry {
  private readonly definitions = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[]) {
    for (const definition of definitions) {
      if (this.definitions.has(definition.type))
        throw new Error(`event type ${definition.type} defined twice`);
      this.definitions.set(definition.type, definition);
    }
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  definition(type: string): EventDefinition {
    const definition = this.definitions.get(type);
    if (!definition) throw new EventDecodeError(`unknown event type ${type}`);
    return definition;
  }

  topicOf(type: string, source: ServiceName): string {
    const { topic } = this.definition(type);
    return typeof topic === 'function' ? topic(source) : topic;
  }

  partitionKeyOf(envelope: EventEnvelope): string {
    return this.definition(envelope.type).partitionKey(envelope.data);
  }

  /** Checks data a producer is about to publish against the current schema. */
  validateData<T>(type: string, data: T): T {
    const definition = this.definition(type);
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success)
      throw new EventDecodeError(`${type}: ${describeIssues(parsed.error)}`);
    return parsed.data as T;
  }

  encode(envelope: EventEnvelope): Buffer {
    return Buffer.from(canonicalJson(envelope), 'utf8');
  }

  /** Parses raw bytes (or an already parsed value) into an envelope with current-version data. */
  decode(raw: Buffer | string | unknown): EventEnvelope {
    let value: unknown = raw;
    if (Buffer.isBuffer(raw) || typeof raw === 'string') {
      try {
        value = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
      } catch (error) {
        throw new EventDecodeError(`not JSON: ${(error as Error).message}`);
      }
    }
    const envelope = envelopeSchema.safeParse(value);
    if (!envelope.success)
      throw new EventDecodeError(
        `bad envelope: ${describeIssues(envelope.error)}`,
      );
    const { type, schemaVersion } = envelope.data;
    const definition = this.definition(type);
    return {
      ...(envelope.data as EventEnvelope),
      data: this.upcast(definition, schemaVersion, envelope.data.data),
    };
  }

  /** The data of an event as written under `version`, lifted to the current version. */
  upcast(definition: EventDefinition, version: number, data: unknown): unknown {
    if (version === definition.version)
      return this.parse(definition.type, version, definition.schema, data);
    const start = definition.previous.findIndex((p) => p.version === version);
    if (start < 0)
      throw new EventDecodeError(
        `${definition.type}: unknown schema version ${version}`,
      );
    let current = data;
    for (const step of definition.previous.slice(start)) {
      current = step.upcast(
        this.parse(definition.type, step.version, step.schema, current),
      );
    }
    return this.parse(
      definition.type,
      definition.version,
      definition.schema,
      current,
    );
  }

  private parse(
    type: string,
    version: number,
    schema: z.ZodType,
    data: unknown,
  ): unknown {
    const parsed = schema.safeParse(data);
    if (!parsed.success)
      throw new EventDecodeError(
        `${type} v${version}: ${describeIssues(parsed.error)}`,
      );
    return parsed.data;
  }
}
