/** Where a service's PostgreSQL lives. Each service owns one schema in it; no service reads another's. */
export interface DatabaseConfig {
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
  /** Run pending migrations at start-up (local and CI); Kubernetes runs them as a Job instead. */
  readonly migrationsRun: boolean;
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/hailong';

export function databaseConfigFromEnv(schema: string, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env['DATABASE_URL'] ?? DEFAULT_URL;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`DATABASE_URL must be a postgres:// URL, got ${url}`);
  const poolSize = Number(env['DATABASE_POOL_SIZE'] ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200) {
    throw new Error(`DATABASE_POOL_SIZE must be an integer from 1 to 200, got ${env['DATABASE_POOL_SIZE']}`);
  }
  const migrationsRun = (env['DATABASE_MIGRATIONS_RUN'] ?? 'true') !== 'false';
  return { url, schema, poolSize, migrationsRun };
}
