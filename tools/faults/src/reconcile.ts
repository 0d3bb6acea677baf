import { deadLetterTopic, platformEvents, ServiceName, Topics } from '@hailong/contracts';
import { createKafka, messagingConfigFromEnv, readTopicToEnd } from '@hailong/platform/messaging';

/** One scenario's line of reports/faults.json. */
export interface FaultRow {
  readonly scenario: string;
  /** HTTP attempts to submit a form, resends included: each was acknowledged or refused. */
  readonly sent: number;
  /** Forms acknowledged (2xx with a response id), on the first attempt or on a resend with the same key. */
  readonly acknowledged: number;
  /** Attempts answered with no acknowledgement: connection refused or cut, 5xx. */
  readonly refused: number;
  /** Acknowledged ids with a ResponseSubmitted event on the response topic. */
  readonly inLog: number;
  /** Acknowledged ids counted in scoring's figures. */
  readonly counted: number;
  /** Acknowledged ids missing from the log or from the figures. */
  readonly lost: number;
  /** Ids submitted by more than one event, plus responses the figures hold beyond the ids counted. */
  readonly doubleCounted: number;
  readonly details: {
    readonly forms: number;
    readonly acknowledgedOnResend: number;
    readonly neverAcknowledged: number;
    /** Copies of an event already on the topic (a relay resending after a crash): harmless, applied once. */
    readonly redeliveredCopies: number;
    /** Responses the scoring figures hold for the campaign (sum of its response counts). */
    readonly figuresResponses: number;
    /** What was waiting when the fault struck: unpublished outbox rows, acknowledged responses not yet counted. */
    readonly atFault: { readonly outboxBacklog: number; readonly scoringBehind: number };
    /** Outbox rows of any service still unpublished once the platform had recovered. */
    readonly stuckInOutbox: number;
    /** Published responses and the audit replay's differences from the publication. */
    readonly published: number | null;
    readonly replayDifferences: number | null;
    readonly durationMs: number;
  };
}

export const SERVICES: readonly ServiceName[] = ['unit-directory', 'survey-intake', 'scoring', 'audit'];

const kafka = () => createKafka({ ...messagingConfigFromEnv('audit'), clientId: 'hailong-faults' });

/** Every ResponseSubmitted on the response topic: per response id, its event ids and the messages that carried them. */
export async function readSubmissions(): Promise<{
  eventsById: Map<string, Set<string>>;
  messagesById: Map<string, number>;
  undecodable: string[];
}> {
  const eventsById = new Map<string, Set<string>>();
  const messagesById = new Map<string, number>();
  const undecodable: string[] = [];
  await readTopicToEnd(kafka(), messagingConfigFromEnv('audit'), Topics.intakeResponses, async (_p, messages) => {
    for (const m of messages) {
      let event;
      try {
        event = platformEvents.decode(m.value as Buffer);
      } catch {
        undecodable.push(m.key?.toString('utf8') ?? '');
        continue;
      }
      if (event.type !== 'ResponseSubmitted') continue;
      messagesById.set(event.subject, (messagesById.get(event.subject) ?? 0) + 1);
      const ids = eventsById.get(event.subject) ?? new Set<string>();
      ids.add(event.id);
      eventsById.set(event.subject, ids);
    }
  });
  return { eventsById, messagesById, undecodable };
}

export interface DeadLetter {
  readonly service: ServiceName;
  readonly consumerGroup: string;
  readonly topic: string;
  readonly key: string | null;
  readonly eventId: string | null;
  readonly reason: string;
}

/** What every service's dead-letter topic holds. */
export async function readDeadLetters(): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  for (const service of SERVICES) {
    await readTopicToEnd(kafka(), messagingConfigFromEnv('audit'), deadLetterTopic(service), async (_p, messages) => {
      for (const m of messages) {
        const data = platformEvents.decode(m.value as Buffer).data as Omit<DeadLetter, 'service'>;
        letters.push({
          service,
          consumerGroup: data.consumerGroup,
          topic: data.topic,
          key: data.key,
          eventId: data.eventId,
          reason: data.reason,
        });
      }
    });
  }
  return letters;
}
