import { createMessagingMigration, createOutboxPlacesMigration } from '@hailong/platform/messaging';
import { AuditReplay1764250000400 } from './1764250000400-audit-replay';
import { AuditLedger1796500000400 } from './1796500000400-audit-ledger';
import { AuditScoringCells1796600000400 } from './1796600000400-audit-scoring-cells';
import { AuditCampaignReplay1796700000400 } from './1796700000400-audit-campaign-replay';
import { AuditCampaignMilestones1796800000400 } from './1796800000400-audit-campaign-milestones';
import { AuditReinspection1796900000400 } from './1796900000400-audit-reinspection';
import { AuditReplayCheckpoints1797100000400 } from './1797100000400-audit-replay-checkpoints';

export const AUDIT_SCHEMA = 'audit';

export const auditMigrations = [
  createMessagingMigration(AUDIT_SCHEMA),
  AuditReplay1764250000400,
  AuditLedger1796500000400,
  AuditScoringCells1796600000400,
  AuditCampaignReplay1796700000400,
  AuditCampaignMilestones1796800000400,
  AuditReinspection1796900000400,
  createOutboxPlacesMigration(AUDIT_SCHEMA),
  AuditReplayCheckpoints1797100000400,
];
