import { ServiceName } from './envelope';

/**
 * Platform topics. They keep events forever (the audit replays them from offset 0) and have 12
 * partitions by default; events of one unit keep their order because the unit is the key.
 */
export const Topics = {
  directoryEvents: 'hailong.directory.events',
  intakeResponses: 'hailong.intake.responses',
  scoringEvents: 'hailong.scoring.events',
  auditEvents: 'hailong.audit.events',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Where a service's consumers put what they could not decode or apply, with the reason. */
export function deadLetterTopic(service: ServiceName): string {
  return `hailong.${service}.dead-letter`;
}

export const ALL_TOPICS: readonly string[] = [
  ...Object.values(Topics),
  ...(['unit-directory', 'survey-intake', 'scoring', 'audit'] as const).map(
    deadLetterTopic,
  ),
];
