import { DataOf, ServicesDeliveredRecorded } from '@hailong/contracts';
import { SampleProgress, sampleProgress } from '@hailong/scoring/domain';
import { EntityManager } from 'typeorm';

export type ServicesDelivered = DataOf<typeof ServicesDeliveredRecorded>;

/** The services each unit delivered in a campaign's period (N), as a campaign manager entered them. */
export function servicesDeliveredTableSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".services_delivered (
       campaign_id uuid NOT NULL,
       unit_id uuid NOT NULL,
       services_delivered integer NOT NULL CHECK (services_delivered >= 0),
       margin_of_error double precision NOT NULL CHECK (margin_of_error > 0 AND margin_of_error < 1),
       event_id uuid NOT NULL,
       PRIMARY KEY (campaign_id, unit_id)
     )`,
  ];
}

/** Stores an entry (a later one for the same unit replaces the earlier), in the transaction that appends its event. */
export async function recordServicesDelivered(
  manager: EntityManager,
  schema: string,
  data: ServicesDelivered,
  eventId: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO "${schema}".services_delivered (campaign_id, unit_id, services_delivered, margin_of_error, event_id)
     SELECT $1, u.unit_id, u.n, $2, $3 FROM unnest($4::uuid[], $5::int[]) AS u(unit_id, n)
     ON CONFLICT (campaign_id, unit_id) DO UPDATE
       SET services_delivered = EXCLUDED.services_delivered, margin_of_error = EXCLUDED.margin_of_error, event_id = EXCLUDED.event_id`,
    [data.campaignId, data.marginOfError, eventId, data.units.map((u) => u.unitId), data.units.map((u) => u.servicesDelivered)],
  );
}

export interface UnitSampleProgress {
  readonly unitId: string;
  /** Null when no N was entered for the unit: nothing to plan against. */
  readonly plan: SampleProgress | null;
  /** On-time responses counted at the unit (as it was on their service dates). */
  readonly collected: number;
}

/** Changes whenever a campaign's entries of services delivered change (they are written by a command, not by a consumer). */
export async function servicesDeliveredVersion(manager: EntityManager, schema: string, campaignId: string): Promise<string> {
  const [row]: { version: string }[] = await manager.query(
    `SELECT count(*) || '/' || COALESCE(md5(string_agg(event_id::text, ',' ORDER BY unit_id)), '') AS version
       FROM "${schema}".services_delivered WHERE campaign_id = $1`,
    [campaignId],
  );
  return row.version;
}

/** Per unit with an N or with responses: the sample it needs (n = N / (1 + N·e²)) and what was collected. */
export async function readSampleProgress(manager: EntityManager, schema: string, campaignId: string): Promise<UnitSampleProgress[]> {
  const rows: { unit_id: string; services_delivered: number | null; margin_of_error: number | null; collected: string | null }[] =
    await manager.query(
      `WITH collected AS (
       SELECT unit_id, SUM(count) AS collected FROM "${schema}".score_cells
        WHERE campaign_id = $1 AND NOT late AND kind = 'pattern' GROUP BY unit_id)
     SELECT COALESCE(s.unit_id, c.unit_id) AS unit_id, s.services_delivered, s.margin_of_error, c.collected
       FROM "${schema}".services_delivered s
       FULL JOIN collected c ON c.unit_id = s.unit_id AND s.campaign_id = $1
      WHERE s.campaign_id = $1 OR s.campaign_id IS NULL
      ORDER BY 1`,
      [campaignId],
    );
  return rows.map((r) => {
    const collected = Number(r.collected ?? 0);
    return {
      unitId: r.unit_id,
      collected,
      plan: r.services_delivered === null ? null : sampleProgress(r.services_delivered, collected, Number(r.margin_of_error)),
    };
  });
}
