import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, MixedList } from 'typeorm';
import { databaseConfigFromEnv } from './database.config';
import { ensureDatabase, runMigrations } from './database-admin';

export interface PersistenceOptions {
  /** The service's own schema. */
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function>;
}

/**
 * TypeORM on the service's own schema, migrations only (never `synchronize`), the database created
 * when missing and migrations applied at start-up unless DATABASE_MIGRATIONS_RUN=false.
 */
@Module({})
export class PersistenceModule {
  static forService(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => {
            const config = databaseConfigFromEnv(options.schema);
            return {
              type: 'postgres' as const,
              url: config.url,
              schema: config.schema,
              entities: options.entities ?? [],
              migrations: options.migrations,
              migrationsTableName: 'migrations',
              synchronize: false,
              migrationsRun: false,
              extra: { max: config.poolSize },
              applicationName: `hailong-${config.schema}`,
            };
          },
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('no data source options');
            const config = databaseConfigFromEnv(options.schema);
            await ensureDatabase(config.url);
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            if (config.migrationsRun) await runMigrations(dataSource, options.schema);
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
