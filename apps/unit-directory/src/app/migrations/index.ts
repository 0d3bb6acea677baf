import { createMessagingMigration, createOutboxPlacesMigration } from '@hailong/platform/messaging';
import { createStaffAccountsMigration } from '@hailong/platform/auth';
import { DirectoryUnits1764250000100 } from './1764250000100-directory-units';
import { DirectoryLogOrder1764330000100 } from './1764330000100-directory-log-order';

export const DIRECTORY_SCHEMA = 'directory';

export const directoryMigrations = [
  createMessagingMigration(DIRECTORY_SCHEMA),
  DirectoryUnits1764250000100,
  createStaffAccountsMigration(DIRECTORY_SCHEMA),
  DirectoryLogOrder1764330000100,
  createOutboxPlacesMigration(DIRECTORY_SCHEMA),
];
