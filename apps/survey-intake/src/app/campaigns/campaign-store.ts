import {
  CampaignDefinition,
  createEvent,
  Actor as EventActor,
  CampaignClosed,
  CampaignCreated,
  CampaignOpened,
  UnplacedEvent,
} from '@hailong/contracts';
import { CampaignEvent, CampaignState } from '@hailong/intake/domain';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { INTAKE_SCHEMA } from '../migrations';

interface Row {
  campaign_id: string;
  status: CampaignState['status'];
  definition: CampaignDefinition;
  created_at: Date;
  created_by: string;
  opened_at: Date | null;
  opened_by: string | null;
  closed_at: Date | null;
  closed_by: string | null;
}

export interface CampaignRecord extends CampaignState {
  readonly createdAt: string;
  readonly createdBy: string;
  readonly openedAt: string | null;
  readonly openedBy: string | null;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
}

const toRecord = (r: Row): CampaignRecord => ({
  definition: r.definition,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  openedAt: r.opened_at?.toISOString() ?? null,
  openedBy: r.opened_by,
  closedAt: r.closed_at?.toISOString() ?? null,
  closedBy: r.closed_by,
});

/**
 * Campaign state in intake's schema. `share` lets responses be accepted side by side while a close
 * waits for them (`update`): every response accepted before CampaignClosed belongs to the campaign.
 */
@Injectable()
export class CampaignStore {
  private readonly table = `"${INTAKE_SCHEMA}".campaigns`;

  constructor(private readonly outbox: OutboxWriter) {}

  async load(manager: EntityManager, campaignId: string, lock: 'none' | 'share' | 'update' = 'none'): Promise<CampaignRecord | null> {
    return (await this.loadAlongside(manager, campaignId, lock, 'NULL')).campaign;
  }

  /**
   * `load`, with the text of one more SQL expression read in the same statement: for a caller that
   * reads both on every request, where each round trip to the database costs more than the query.
   * Null alongside when there is no such campaign.
   */
  async loadAlongside(
    manager: EntityManager,
    campaignId: string,
    lock: 'none' | 'share' | 'update',
    expression: string,
  ): Promise<{ campaign: CampaignRecord | null; alongside: string | null }> {
    const suffix = lock === 'share' ? 'FOR SHARE' : lock === 'update' ? 'FOR UPDATE' : '';
    const [row]: (Row & { alongside: string | null })[] = await manager.query(
      `SELECT *, (${expression})::text AS alongside FROM ${this.table} WHERE campaign_id = $1 ${suffix}`,
      [campaignId],
    );
    return row ? { campaign: toRecord(row), alongside: row.alongside } : { campaign: null, alongside: null };
  }

  async list(manager: EntityManager): Promise<CampaignRecord[]> {
    const rows: Row[] = await manager.query(`SELECT * FROM ${this.table} ORDER BY created_at, campaign_id`);
    return rows.map(toRecord);
  }

  /** Applies decided events to the row and appends them to the outbox, in the caller's transaction. */
  async append(
    manager: EntityManager,
    decided: readonly CampaignEvent[],
    actor: EventActor,
    correlationId: string,
  ): Promise<UnplacedEvent[]> {
    const context = { source: 'survey-intake' as const, actor, correlationId };
    const events: UnplacedEvent[] = [];
    for (const event of decided) {
      switch (event.type) {
        case 'CampaignCreated':
          events.push(createEvent(CampaignCreated, event.data.campaignId, event.data, context));
          await manager.query(`INSERT INTO ${this.table} (campaign_id, status, definition, created_by) VALUES ($1, 'draft', $2, $3)`, [
            event.data.campaignId,
            JSON.stringify(event.data),
            actor.id,
          ]);
          break;
        case 'CampaignOpened':
          events.push(createEvent(CampaignOpened, event.data.campaignId, event.data, context));
          await manager.query(`UPDATE ${this.table} SET status = 'open', opened_at = now(), opened_by = $2 WHERE campaign_id = $1`, [
            event.data.campaignId,
            actor.id,
          ]);
          break;
        case 'CampaignClosed':
          events.push(createEvent(CampaignClosed, event.data.campaignId, event.data, context));
          await manager.query(`UPDATE ${this.table} SET status = 'closed', closed_at = now(), closed_by = $2 WHERE campaign_id = $1`, [
            event.data.campaignId,
            actor.id,
          ]);
          break;
      }
    }
    await this.outbox.append(manager, events);
    return events;
  }
}
