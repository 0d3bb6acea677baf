import { EventEnvelope } from '@hailong/contracts';
import { createDirectoryViewMigration, DirectoryView } from '@hailong/directory/view';
import { messagingMigrations } from '@hailong/platform/messaging';
import { runMigrations } from '@hailong/platform/persistence';
import { createTestDatabase, TestDatabase } from '@hailong/platform/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UnitsOnServiceDate } from './units-on-service-date';

const SCHEMA = 'intake';
const unit = (n: number) => `c0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const PROVINCE = unit(0x26);
const DISTRICT_A = unit(0x244);
const DISTRICT_B = unit(0x252);
const COMMUNE = unit(0x8734);
const LATER = unit(0x9999);
const DATE = '2025-03-01';

/** A directory event as the directory's relay publishes it: only its type, data and ledger place matter to the view. */
let sequence = 0;
const published = (type: string, data: Record<string, unknown>): EventEnvelope =>
  ({
    id: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: '2020-01-01T00:00:00.000Z',
    recordedAt: '2020-01-01T00:00:00.000Z',
    source: 'unit-directory',
    subject: data['unitId'],
    actor: { kind: 'system', id: 'test' },
    correlationId: randomUUID(),
    causationId: null,
    trace: {},
    ledger: { sequence: ++sequence, previousHash: '0'.repeat(64) },
    data,
  }) as unknown as EventEnvelope;
const registered = (unitId: string, code: string, unitType: string, parentId: string | null) =>
  published('UnitRegistered', { unitId, code, unitType, parentId, nameVi: code, nameEn: code, areaCode: code, validFrom: '2020-01-01' });

describe('UnitsOnServiceDate: where a unit stood on a date, kept while the directory view is unchanged (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let view: DirectoryView;
  let units: UnitsOnServiceDate;
  const record = (...events: EventEnvelope[]) => dataSource.transaction((m) => view.record(m, events));
  const versionNow = async () => ((await dataSource.query(`SELECT (${units.versionSql})::text AS v`)) as { v: string }[])[0].v;

  beforeAll(async () => {
    db = await createTestDatabase('units_on_date');
    dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema: SCHEMA,
      migrations: [...messagingMigrations(SCHEMA), createDirectoryViewMigration(SCHEMA)],
    }).initialize();
    await runMigrations(dataSource, SCHEMA);
    view = new DirectoryView(SCHEMA);
    units = new UnitsOnServiceDate(view);
    await record(
      registered(PROVINCE, '26', 'provincial-police', null),
      registered(DISTRICT_A, '244', 'district-police', PROVINCE),
      registered(DISTRICT_B, '252', 'district-police', PROVINCE),
      registered(COMMUNE, '08734', 'commune-police', DISTRICT_A),
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('answers the unit and the units above it on the date, and the same again from what it kept', async () => {
    const first = await units.get(dataSource.manager, COMMUNE, DATE);
    expect(first).toEqual({
      unitKnown: true,
      unit: { unitId: COMMUNE, unitType: 'commune-police', code: '08734', ancestorIds: [DISTRICT_A, PROVINCE] },
    });
    expect(await units.get(dataSource.manager, COMMUNE, DATE)).toEqual(first);
  });

  it('sees a move the view records after an answer was kept', async () => {
    await units.get(dataSource.manager, COMMUNE, DATE);
    await record(
      published('UnitMoved', { unitId: COMMUNE, parentId: DISTRICT_B, previousParentId: DISTRICT_A, effectiveDate: '2025-01-01' }),
    );
    expect((await units.get(dataSource.manager, COMMUNE, DATE)).unit?.ancestorIds).toEqual([DISTRICT_B, PROVINCE]);
  });

  it('knows a unit registered after it answered "unknown", with the version its caller read', async () => {
    expect(await units.get(dataSource.manager, LATER, DATE, await versionNow())).toEqual({ unitKnown: false, unit: null });
    await record(registered(LATER, '09999', 'commune-police', DISTRICT_B));
    expect((await units.get(dataSource.manager, LATER, DATE, await versionNow())).unit?.ancestorIds).toEqual([DISTRICT_B, PROVINCE]);
  });

  it('sees a change counted only by the view’s consumer offsets (events applied out of ledger order)', async () => {
    const before = await versionNow();
    await dataSource.query(
      `INSERT INTO "${SCHEMA}".consumer_offsets (consumer_group, topic, partition, next_offset) VALUES ('hailong.survey-intake.directory-view', 't', 0, 1)`,
    );
    expect(await versionNow()).not.toBe(before);
  });
});
