import { EventEnvelope, platformEvents } from '@hailong/contracts';
import { runMigrations } from '@hailong/platform/persistence';
import { createTestDatabase, TestDatabase } from '@hailong/platform/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { INTAKE_SCHEMA } from '../../../migrations';
import { IntakeBackcheckAssignments1796900000100 } from '../../../migrations/1796900000100-intake-backcheck-assignments';
import { BackcheckAssignmentsProjection } from './backcheck-assignments.projection';

const assigned = platformEvents.decode(
  readFileSync(join(__dirname, '../../../../../../../libs/contracts/src/fixtures/BackCheckAssigned.v1.json')),
) as EventEnvelope<string, { responseId: string; reinspectorId: string }>;

describe('intake’s projection of the audit’s back-check assignments (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const rows = () =>
    dataSource.query(`SELECT response_id, reinspector_id, event_id FROM intake.backcheck_assignments ORDER BY response_id`);
  const apply = (events: EventEnvelope[]) =>
    dataSource.transaction((manager) => new BackcheckAssignmentsProjection().apply({ events, manager }));

  beforeAll(async () => {
    db = await createTestDatabase('intake_backcheck_assignments');
    dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema: INTAKE_SCHEMA,
      migrations: [IntakeBackcheckAssignments1796900000100],
    }).initialize();
    await runMigrations(dataSource, INTAKE_SCHEMA);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('applied twice, counted once; a later assignment moves the response and an earlier one read late does not move it back', async () => {
    await apply([assigned]);
    await apply([assigned]);
    expect(await rows()).toEqual([{ response_id: assigned.data.responseId, reinspector_id: 'reinspector-1', event_id: assigned.id }]);

    const later = {
      ...assigned,
      id: 'c4d5e6f7-0819-4a3b-8c4d-5e6f708192a3',
      recordedAt: '2026-11-28T05:00:00.000Z',
      data: { ...assigned.data, reinspectorId: 'reinspector-2' },
    };
    const earlier = {
      ...assigned,
      id: 'd5e6f708-192a-4b4c-8d5e-6f708192a3b4',
      recordedAt: '2026-11-28T03:00:00.000Z',
      data: { ...assigned.data, reinspectorId: 'reinspector-3' },
    };
    await apply([later, earlier]);
    expect(await rows()).toEqual([{ response_id: assigned.data.responseId, reinspector_id: 'reinspector-2', event_id: later.id }]);
  });
});
