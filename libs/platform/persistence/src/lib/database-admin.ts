import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Creates the database named in `url` if it does not exist yet (a fresh machine has none). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        // Another service created it in the meantime.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Runs pending migrations of one service's schema. An advisory lock makes a second process that
 * starts at the same moment wait instead of running the same migration twice.
 */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`hailong-migrations:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`hailong-migrations:${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Applies a service's pending migrations to its schema and closes the connection: what the migration
 * Job (Kubernetes) and the migrate step (compose) run, so the services can start with
 * DATABASE_MIGRATIONS_RUN=false. The same TypeORM settings as PersistenceModule; returns the names
 * of the migrations it applied.
 */
export async function migrateServiceSchema(
  url: string,
  schema: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[],
): Promise<string[]> {
  await ensureDatabase(url);
  const dataSource = await new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    applicationName: `hailong-migrate-${schema}`,
  }).initialize();
  try {
    const pending = await dataSource.showMigrations();
    const applied = (await dataSource.query(`SELECT to_regclass($1) AS t`, [`"${schema}".migrations`]))[0].t
      ? await dataSource.query(`SELECT name FROM "${schema}".migrations`)
      : [];
    const before = new Set((applied as { name: string }[]).map((r) => r.name));
    if (!pending) return [];
    await runMigrations(dataSource, schema);
    const after: { name: string }[] = await dataSource.query(`SELECT name FROM "${schema}".migrations ORDER BY id`);
    return after.map((r) => r.name).filter((name) => !before.has(name));
  } finally {
    await dataSource.destroy();
  }
}
