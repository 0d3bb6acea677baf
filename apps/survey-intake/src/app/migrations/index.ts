import { createDirectoryViewMigration } from '@hailong/directory/view';
import { createMessagingMigration, createOutboxPlacesMigration } from '@hailong/platform/messaging';
import { IntakeResponses1764250000200 } from './1764250000200-intake-responses';
import { DropKnownUnits1795814400100 } from './1795814400100-drop-known-units';
import { IntakeCampaigns1796400000100 } from './1796400000100-intake-campaigns';
import { IntakePortal1796700000100 } from './1796700000100-intake-portal';
import { IntakeCounter1796700000200 } from './1796700000200-intake-counter';
import { IntakeTablets1796700000300 } from './1796700000300-intake-tablets';
import { IntakeFileImports1796800000100 } from './1796800000100-intake-file-imports';
import { IntakeBackcheckAssignments1796900000100 } from './1796900000100-intake-backcheck-assignments';

export const INTAKE_SCHEMA = 'intake';

export const intakeMigrations = [
  createMessagingMigration(INTAKE_SCHEMA),
  IntakeResponses1764250000200,
  createDirectoryViewMigration(INTAKE_SCHEMA),
  DropKnownUnits1795814400100,
  IntakeCampaigns1796400000100,
  IntakePortal1796700000100,
  IntakeCounter1796700000200,
  IntakeTablets1796700000300,
  IntakeFileImports1796800000100,
  IntakeBackcheckAssignments1796900000100,
  createOutboxPlacesMigration(INTAKE_SCHEMA),
];
