import { EventEnvelope, platformEvents } from '@hailong/contracts';
import { runMigrations } from '@hailong/platform/persistence';
import { createTestDatabase, TestDatabase } from '@hailong/platform/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AUDIT_SCHEMA, auditMigrations } from '../migrations';
import { ReinspectionLogProjection } from './reinspection-log.projection';

const fixture = (name: string): EventEnvelope =>
  platformEvents.decode(readFileSync(join(__dirname, '../../../../../libs/contracts/src/fixtures', name)));

/** Every row the projection keeps, in a stable order. */
const snapshot = async (dataSource: DataSource) => ({
  responses: await dataSource.query(
    `SELECT response_id, unit_id, collector, status, late FROM audit.reinspection_responses ORDER BY response_id`,
  ),
  campaigns: await dataSource.query(`SELECT campaign_id, status FROM audit.reinspection_campaigns ORDER BY campaign_id`),
  questionnaires: await dataSource.query(`SELECT questionnaire_id, version FROM audit.reinspection_questionnaires ORDER BY 1, 2`),
  publications: await dataSource.query(`SELECT campaign_id, event_id FROM audit.reinspection_publications ORDER BY 1`),
  units: await dataSource.query(`SELECT unit_id, name_vi, named_from::text FROM audit.reinspection_units ORDER BY 1`),
});

describe('the audit’s re-inspection log projection (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('audit_reinspection_log');
    dataSource = await new DataSource({ type: 'postgres', url: db.url, schema: AUDIT_SCHEMA, migrations: auditMigrations }).initialize();
    await runMigrations(dataSource, AUDIT_SCHEMA);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('keeps responses, voids, corrections, campaigns, publications and unit names; applied twice, counted once', async () => {
    const submitted = fixture('ResponseSubmitted.v3.json');
    const corrected = fixture('ResponseCorrected.v1.json') as EventEnvelope<
      string,
      { responseId: string; replacement: { responseId: string } }
    >;
    const original = {
      ...submitted,
      id: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      data: { ...(submitted.data as object), responseId: corrected.data.responseId },
    };
    const events = [
      fixture('UnitRegistered.v1.json'),
      fixture('UnitRenamed.v1.json'),
      fixture('QuestionnaireVersionPublished.v1.json'),
      fixture('CampaignCreated.v1.json'),
      fixture('CampaignOpened.v1.json'),
      submitted,
      original,
      corrected,
      fixture('CampaignClosed.v1.json'),
      fixture('CampaignScoresPublished.v1.json'),
    ] as EventEnvelope[];
    const projection = new ReinspectionLogProjection();
    await dataSource.transaction((manager) => projection.apply({ events, manager }));
    const once = await snapshot(dataSource);
    await dataSource.transaction((manager) => projection.apply({ events, manager }));
    expect(await snapshot(dataSource)).toEqual(once);

    const status = Object.fromEntries(once.responses.map((r: { response_id: string; status: string }) => [r.response_id, r.status]));
    expect(status).toEqual({
      [(submitted.data as { responseId: string }).responseId]: 'counted',
      [corrected.data.responseId]: 'replaced',
      [corrected.data.replacement.responseId]: 'counted',
    });
    expect(once.campaigns).toEqual([{ campaign_id: expect.any(String), status: 'closed' }]);
    expect(once.publications).toHaveLength(1);
    expect(once.units).toHaveLength(1);
    expect(once.units[0].name_vi).toBe((fixture('UnitRenamed.v1.json').data as { nameVi: string }).nameVi);
  });
});
