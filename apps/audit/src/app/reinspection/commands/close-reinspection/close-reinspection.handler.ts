import { Actor, createEvent, PublishedFigure, ReinspectionClosed } from '@hailong/contracts';
import { DifferingAnswers } from '@hailong/audit/domain';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReinspectedFiguresService } from '../../reinspected-figures';
import { refuse } from '../../reinspection-refusal';
import { ReinspectionStore } from '../../reinspection.store';

const overall = (f: PublishedFigure | null) => ({
  responses: f?.responses ?? 0,
  sampleSize: f?.sampleSize ?? 0,
  index: f?.overall.index ?? null,
  interval: f?.overall.interval ?? null,
});

/** Closes a campaign's re-inspection (ReinspectionClosed): the campaign becomes "re-inspected"; verdicts stop. */
@Injectable()
export class CloseReinspectionHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ReinspectionStore,
    private readonly figures: ReinspectedFiguresService,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(campaignId: string, differing: DifferingAnswers, actor: Actor, correlationId: string) {
    return this.dataSource.transaction(async (manager) => {
      // One closure per campaign, even when two requests race.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('audit-reinspection-close:' || $1))`, [campaignId]);
      await this.store.campaign(manager, campaignId);
      await this.store.refuseIfClosed(manager, campaignId);
      const samples = await this.store.samples(manager, campaignId);
      if (samples.length === 0) {
        throw refuse(
          409,
          'campaignId',
          'no back-check sample has been drawn for this campaign',
          'chưa chọn mẫu phúc tra nào cho chiến dịch này',
        );
      }
      const figures = await this.figures.compute(manager, campaignId, differing);
      const data = {
        campaignId,
        sampleIds: samples.map((s) => s.sampleId),
        differingAnswers: differing,
        verdicts: figures.verdicts,
        excludedResponseIds: [...figures.excludedResponseIds],
        figures: [figures.campaign, ...figures.byUnit].map((p) => ({
          key: p.key,
          published: overall(p.published),
          reinspected: overall(p.reinspected),
        })),
      };
      const event = createEvent(ReinspectionClosed, campaignId, data, { source: 'audit', actor, correlationId });
      await manager.query(`INSERT INTO audit.reinspection_closures (campaign_id, actor_id, event_id, data) VALUES ($1, $2, $3, $4)`, [
        campaignId,
        actor.id,
        event.id,
        JSON.stringify(data),
      ]);
      await this.outbox.append(manager, [event]);
      return { ...data, status: 're-inspected' as const, eventId: event.id };
    });
  }
}
