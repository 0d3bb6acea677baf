import { createDirectoryViewMigration } from '@hailong/directory/view';
import { createMessagingMigration, createOutboxPlacesMigration } from '@hailong/platform/messaging';
import { ScoringCounts1764250000300 } from './1764250000300-scoring-counts';
import { ScoringCells1796600000300 } from './1796600000300-scoring-cells';
import { ServicesDelivered1796600000310 } from './1796600000310-services-delivered';

export const SCORING_SCHEMA = 'scoring';

export const scoringMigrations = [
  createMessagingMigration(SCORING_SCHEMA),
  ScoringCounts1764250000300,
  createDirectoryViewMigration(SCORING_SCHEMA),
  ScoringCells1796600000300,
  ServicesDelivered1796600000310,
  createOutboxPlacesMigration(SCORING_SCHEMA),
];
