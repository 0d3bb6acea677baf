import { createMessagingMigration } from '@hailong/platform/messaging';
import { IntakeResponses1764250000200 } from './1764250000200-intake-responses';

export const INTAKE_SCHEMA = 'intake';

export const intakeMigrations = [createMessagingMigration(INTAKE_SCHEMA), IntakeResponses1764250000200];
