import { createMessagingMigration } from '@hailong/platform/messaging';
import { AuditReplay1764250000400 } from './1764250000400-audit-replay';

export const AUDIT_SCHEMA = 'audit';

export const auditMigrations = [createMessagingMigration(AUDIT_SCHEMA), AuditReplay1764250000400];
