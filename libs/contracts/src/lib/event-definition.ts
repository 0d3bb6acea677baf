import { z } from 'zod';
import { ServiceName } from './envelope';

/** An older schema version of an event and how to lift its data one version up. */
export interface PreviousVersion {
  readonly version: number;
  readonly schema: z.ZodType;
  /** Turns data valid under `schema` into data of `version + 1`. */
  readonly upcast: (data: unknown) => unknown;
}

export interface EventDefinition<
  TType extends string = string,
  TData = unknown,
> {
  readonly type: TType;
  /** The current schema version: what producers write and what consumers receive after upcasting. */
  readonly version: number;
  readonly schema: z.ZodType<TData>;
  readonly previous: readonly PreviousVersion[];
  /** The topic, or for dead letters the topic of the publishing service. */
  readonly topic: string | ((source: ServiceName) => string);
  /** Kafka key: events with the same key keep their order (the unit, for unit-related events). */
  partitionKey(data: TData): string;
}

export function defineEvent<
  TType extends string,
  TSchema extends z.ZodType,
>(definition: {
  type: TType;
  version: number;
  schema: TSchema;
  previous?: readonly PreviousVersion[];
  topic: string | ((source: ServiceName) => string);
  partitionKey: (data: z.output<TSchema>) => string;
}): EventDefinition<TType, z.output<TSchema>> {
  const previous = [...(definition.previous ?? [])].sort(
    (a, b) => a.version - b.version,
  );
  previous.forEach((p, i) => {
    const next =
      i + 1 < previous.length ? previous[i + 1].version : definition.version;
    if (next !== p.version + 1) {
      throw new Error(
        `${definition.type}: versions must be consecutive, found ${p.version} then ${next}`,
      );
    }
  });
  return { ...definition, previous } as EventDefinition<
    TType,
    z.output<TSchema>
  >;
}

export type DataOf<D> = D extends EventDefinition<string, infer T> ? T : never;
export type TypeOf<D> = D extends EventDefinition<infer T, unknown> ? T : never;
