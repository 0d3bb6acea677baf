import { createMessagingMigration } from '@hailong/platform/messaging';
import { createStaffAccountsMigration } from '@hailong/platform/auth';
import { DirectoryUnits1764250000100 } from './1764250000100-directory-units';

export const DIRECTORY_SCHEMA = 'directory';

export const directoryMigrations = [
  createMessagingMigration(DIRECTORY_SCHEMA),
  DirectoryUnits1764250000100,
  createStaffAccountsMigration(DIRECTORY_SCHEMA),
];
