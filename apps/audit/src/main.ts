import { runService } from '@hailong/platform/http';
import { startFigureWorkers } from '@hailong/scoring/data-access';
import { AppModule } from './app/app.module';
import { auditMigrations, AUDIT_SCHEMA } from './app/migrations';

// `node main.js` serves; `node main.js migrate` and `node main.js ensure-topics` are the one-shot
// steps operations run before a rollout (see docs/runbook.md).
startFigureWorkers(__dirname);
void runService({
  module: AppModule,
  name: 'audit',
  defaultPort: 3104,
  description: 'Re-inspection: rebuilds the published figures from the event log alone.',
  schema: AUDIT_SCHEMA,
  migrations: auditMigrations,
});
