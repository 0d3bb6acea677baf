import { runService } from '@hailong/platform/http';
import { startFigureWorkers } from '@hailong/scoring/data-access';
import { AppModule } from './app/app.module';
import { scoringMigrations, SCORING_SCHEMA } from './app/migrations';

// `node main.js` serves; `node main.js migrate` and `node main.js ensure-topics` are the one-shot
// steps operations run before a rollout (see docs/runbook.md).
startFigureWorkers(__dirname);
void runService({
  module: AppModule,
  name: 'scoring',
  defaultPort: 3103,
  description: 'Satisfaction figures with their sample sizes and 95% intervals, kept current from the response log.',
  schema: SCORING_SCHEMA,
  migrations: scoringMigrations,
});
