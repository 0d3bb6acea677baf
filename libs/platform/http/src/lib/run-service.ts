import { ALL_TOPICS } from '@hailong/contracts';
import { createKafka, ensureTopics, messagingConfigFromEnv, topicProblems } from '@hailong/platform/messaging';
import { databaseConfigFromEnv, migrateServiceSchema } from '@hailong/platform/persistence';
import { Type } from '@nestjs/common';
import { bootstrapService, ServiceBootstrap } from './bootstrap';

export interface ServiceDefinition extends ServiceBootstrap {
  readonly module: Type<unknown>;
  /** The service's own PostgreSQL schema and its migrations, for `main.js migrate`. */
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: Function[];
}

/** One line of JSON, like the service's own logs, for the one-shot commands. */
function report(service: string, level: 'info' | 'error', msg: string): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), service, msg });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

/**
 * A service's main: `node main.js` serves; `node main.js migrate` applies the service's migrations
 * and exits; `node main.js ensure-topics` creates the missing platform topics and exits non-zero if
 * one is mis-set (fewer partitions, finite retention). The one-shot commands are what the
 * Kubernetes Jobs and the compose init steps run, from the service's own image.
 */
export async function runService(definition: ServiceDefinition, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const [command] = argv;
  const { name } = definition;
  try {
    if (command === undefined || command === 'serve') {
      await bootstrapService(definition.module, definition);
      return;
    }
    if (command === 'migrate') {
      const config = databaseConfigFromEnv(definition.schema);
      const applied = await migrateServiceSchema(config.url, definition.schema, definition.migrations);
      report(
        name,
        'info',
        applied.length
          ? `applied ${applied.length} migration(s) to ${definition.schema}: ${applied.join(', ')}`
          : `${definition.schema} is up to date`,
      );
      process.exit(0);
    }
    if (command === 'ensure-topics') {
      const config = messagingConfigFromEnv(name);
      const kafka = createKafka(config);
      await ensureTopics(kafka, config, ALL_TOPICS);
      const problems = await topicProblems(kafka, config, ALL_TOPICS);
      for (const problem of problems) report(name, 'error', problem);
      if (problems.length === 0)
        report(name, 'info', `${ALL_TOPICS.length} platform topics present with ${config.partitions}+ partitions and infinite retention`);
      process.exit(problems.length === 0 ? 0 : 1);
    }
    report(name, 'error', `unknown command ${command}: use serve (the default), migrate or ensure-topics`);
    process.exit(2);
  } catch (error) {
    report(name, 'error', (error as Error).stack ?? String(error));
    process.exit(1);
  }
}
