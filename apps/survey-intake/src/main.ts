import { runService } from '@hailong/platform/http';
import { AppModule } from './app/app.module';
import { intakeMigrations, INTAKE_SCHEMA } from './app/migrations';

// `node main.js` serves; `node main.js migrate` and `node main.js ensure-topics` are the one-shot
// steps operations run before a rollout (see docs/runbook.md).
void runService({
  module: AppModule,
  name: 'survey-intake',
  defaultPort: 3102,
  description: 'Accepts satisfaction responses from every channel, exactly once.',
  schema: INTAKE_SCHEMA,
  migrations: intakeMigrations,
});
