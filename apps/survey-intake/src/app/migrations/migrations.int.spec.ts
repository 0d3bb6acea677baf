import { runMigrations } from '@hailong/platform/persistence';
import { createTestDatabase, TestDatabase } from '@hailong/platform/testing';
import { DataSource } from 'typeorm';
import { INTAKE_SCHEMA, intakeMigrations } from './index';

const GROUPS = ['t-e2e-1a2b3c.survey-intake.known-units', 'survey-intake.known-units', 'survey-intake.directory-view'];
const EVENT = 'a0000000-0000-4000-8000-000000000001';
const LEGACY_EVENT = 'a0000000-0000-4000-8000-000000000002';
const PLACED_BEFORE = 'a0000000-0000-4000-8000-000000000003';
const PLACED_AFTER = 'a0000000-0000-4000-8000-000000000004';

/** Intake's migrations on the real PostgreSQL, from a database that ran the known-units projection. */
describe('intake migrations', () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];

  const open = async (migrations: typeof intakeMigrations) => {
    const dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema: INTAKE_SCHEMA,
      migrations,
      migrationsTableName: 'migrations',
    }).initialize();
    sources.push(dataSource);
    return dataSource;
  };
  const tableExists = async (dataSource: DataSource, table: string) =>
    (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [`${INTAKE_SCHEMA}.${table}`]))[0].found as boolean;
  const groupsIn = async (dataSource: DataSource, table: string) =>
    (await dataSource.query(`SELECT DISTINCT consumer_group FROM ${INTAKE_SCHEMA}.${table} ORDER BY 1`)).map(
      (r: { consumer_group: string }) => r.consumer_group,
    );

  beforeAll(async () => {
    db = await createTestDatabase('intake_migrations');
  });

  afterAll(async () => {
    for (const source of sources) await source.destroy();
    await db?.drop();
  });

  it('replaces known_units by the directory view and forgets only the retired projection’s offsets and ids', async () => {
    const before = await open(intakeMigrations.slice(0, 2));
    await runMigrations(before, INTAKE_SCHEMA);
    for (const group of GROUPS) {
      await before.query(
        `INSERT INTO intake.consumer_offsets (consumer_group, topic, partition, next_offset) VALUES ($1, 'hailong.directory.events', 0, 7)`,
        [group],
      );
      await before.query(`INSERT INTO intake.processed_events (consumer_group, event_id) VALUES ($1, $2)`, [group, EVENT]);
    }

    // A response accepted before campaigns existed.
    await before.query(
      `INSERT INTO intake.responses (response_id, idempotency_key, request_hash, unit_id, channel, answers, actor_id, event_id)
       VALUES ($1, 'legacy-key-1', 'h', $1, 'paper', '[{"itemId":"A1","level":4}]', 'surveyor-01', $2)`,
      [EVENT, LEGACY_EVENT],
    );

    // An event a relay placed when places were written into the envelope.
    await before.query(
      `INSERT INTO intake.outbox (id, topic, partition_key, event_type, envelope, ledger_sequence, ledger_hash)
       VALUES ($1, 'hailong.intake.responses', 'unit', 'ResponseSubmitted', $2, 1, 'hash-1')`,
      [PLACED_BEFORE, JSON.stringify({ id: PLACED_BEFORE, type: 'ResponseSubmitted', ledger: { sequence: 1, previousHash: 'genesis' } })],
    );

    const after = await open(intakeMigrations);
    await runMigrations(after, INTAKE_SCHEMA);
    expect(await tableExists(after, 'known_units')).toBe(false);
    expect(await tableExists(after, 'directory_events')).toBe(true);
    for (const table of ['consumer_offsets', 'processed_events']) {
      expect(await groupsIn(after, table)).toEqual(['survey-intake.directory-view']);
    }
  });

  it('keeps the responses taken before campaigns: valid submissions with no campaign and nothing personal', async () => {
    const dataSource = sources[sources.length - 1];
    expect(await tableExists(dataSource, 'campaigns')).toBe(true);
    const [row] = await dataSource.query(
      `SELECT kind, status, campaign_id, personal, expectations FROM intake.responses WHERE response_id = $1`,
      [EVENT],
    );
    expect(row).toEqual({ kind: 'submission', status: 'valid', campaign_id: null, personal: null, expectations: [] });
  });

  const responseColumns = async (dataSource: DataSource) =>
    (
      await dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'intake' AND table_name = 'responses'`,
      )
    ).map((r: { column_name: string }) => r.column_name);

  it('moves places given before into the ledger columns, and undoing that writes every place back into its envelope', async () => {
    const dataSource = sources[sources.length - 1];
    const placeOf = async (id: string) =>
      (await dataSource.query(`SELECT envelope->'ledger' AS ledger FROM intake.outbox WHERE id = $1`, [id]))[0].ledger;
    expect(
      await dataSource.query(`SELECT ledger_sequence, ledger_previous_hash FROM intake.outbox WHERE id = $1`, [PLACED_BEFORE]),
    ).toEqual([{ ledger_sequence: '1', ledger_previous_hash: 'genesis' }]);
    // Placed since: the envelope as written, the place in its columns.
    await dataSource.query(
      `INSERT INTO intake.outbox (id, topic, partition_key, event_type, envelope, ledger_sequence, ledger_hash, ledger_previous_hash)
       VALUES ($1, 'hailong.intake.responses', 'unit', 'ResponseSubmitted', $2, 2, 'hash-2', 'hash-1')`,
      [PLACED_AFTER, JSON.stringify({ id: PLACED_AFTER, type: 'ResponseSubmitted' })],
    );
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await placeOf(PLACED_AFTER)).toEqual({ sequence: 2, previousHash: 'hash-1' });
    expect(await placeOf(PLACED_BEFORE)).toEqual({ sequence: 1, previousHash: 'genesis' });
    const columns = await dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'intake' AND table_name = 'outbox' AND column_name = 'ledger_previous_hash'`,
    );
    expect(columns).toEqual([]);
    await dataSource.query(`DELETE FROM intake.outbox WHERE id = ANY($1::uuid[])`, [[PLACED_BEFORE, PLACED_AFTER]]);
  });

  it('undoes the back-check assignments migration: the assignments go, the file imports stay', async () => {
    const dataSource = sources[sources.length - 1];
    expect(await tableExists(dataSource, 'backcheck_assignments')).toBe(true);
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists(dataSource, 'backcheck_assignments')).toBe(false);
    expect(await tableExists(dataSource, 'file_imports')).toBe(true);
  });

  it('undoes the file imports migration: the imports and the rows’ import id and row number go', async () => {
    const dataSource = sources[sources.length - 1];
    expect(await responseColumns(dataSource)).toEqual(expect.arrayContaining(['import_id', 'import_row']));
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists(dataSource, 'file_imports')).toBe(false);
    const columns = await responseColumns(dataSource);
    expect(columns).not.toContain('import_id');
    expect(columns).not.toContain('import_row');
    expect(await tableExists(dataSource, 'tablet_devices')).toBe(true);
  });

  it('undoes the tablets migration: the devices and the late flag go', async () => {
    const dataSource = sources[sources.length - 1];
    expect(await tableExists(dataSource, 'tablet_devices')).toBe(true);
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists(dataSource, 'tablet_devices')).toBe(false);
    const columns = (
      await dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'intake' AND table_name = 'responses'`,
      )
    ).map((r: { column_name: string }) => r.column_name);
    expect(columns).not.toContain('late');
  });

  it('undoes the counter migration: the visit tokens and rate-limit windows go', async () => {
    const dataSource = sources[sources.length - 1];
    expect(await tableExists(dataSource, 'counter_visit_tokens')).toBe(true);
    await dataSource.undoLastMigration({ transaction: 'each' });
    for (const table of ['counter_visit_tokens', 'rate_limit_windows']) expect(await tableExists(dataSource, table)).toBe(false);
    expect(await tableExists(dataSource, 'portal_signing_keys')).toBe(true);
  });

  it('undoes the portal migration: the signing keys and nonces go, the campaigns stay', async () => {
    const dataSource = sources[sources.length - 1];
    expect(await tableExists(dataSource, 'portal_signing_keys')).toBe(true);
    await dataSource.undoLastMigration({ transaction: 'each' });
    for (const table of ['portal_signing_keys', 'portal_nonces']) expect(await tableExists(dataSource, table)).toBe(false);
    expect(await tableExists(dataSource, 'campaigns')).toBe(true);
  });

  it('undoes the campaigns migration: its tables and columns go, the responses stay', async () => {
    const dataSource = sources[sources.length - 1];
    await dataSource.undoLastMigration({ transaction: 'each' });
    for (const table of ['campaigns', 'questionnaire_versions', 'respondent_keys'])
      expect(await tableExists(dataSource, table)).toBe(false);
    const columns = (
      await dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'intake' AND table_name = 'responses'`,
      )
    ).map((r: { column_name: string }) => r.column_name);
    expect(columns).not.toContain('personal');
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM intake.responses`))[0].n).toBe(1);
  });

  it('brings known_units back, empty, when the migration before it is undone', async () => {
    const dataSource = sources[sources.length - 1];
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableExists(dataSource, 'known_units')).toBe(true);
    expect(await tableExists(dataSource, 'directory_events')).toBe(true);
  });
});
