import { runService } from '@hailong/platform/http';
import { AppModule } from './app/app.module';
import { directoryMigrations, DIRECTORY_SCHEMA } from './app/migrations';

// `node main.js` serves; `node main.js migrate` and `node main.js ensure-topics` are the one-shot
// steps operations run before a rollout (see docs/runbook.md).
void runService({
  module: AppModule,
  name: 'unit-directory',
  defaultPort: 3101,
  description: 'The police units that serve the public, their hierarchy and its history; staff sign-in.',
  schema: DIRECTORY_SCHEMA,
  migrations: directoryMigrations,
});
