import { drawSample, SAMPLE_SIZE_RULE, SampleRule, SAMPLING_ALGORITHM } from '@hailong/audit/domain';
import { Actor, BackCheckSampleDrawn, createEvent, DrawnSampleData } from '@hailong/contracts';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { refuse } from '../../reinspection-refusal';
import { ReinspectionStore } from '../../reinspection.store';

/**
 * Draws a back-check sample of a published campaign's on-time responses and records the draw as
 * BackCheckSampleDrawn, in the transaction that stores it. Refused (409) while the audit has read
 * fewer of the campaign's responses than the publication counts, so a sample is never drawn from
 * part of the population.
 */
@Injectable()
export class DrawSampleHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ReinspectionStore,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(campaignId: string, rule: SampleRule, seed: number | undefined, actor: Actor, correlationId: string) {
    return this.dataSource.transaction(async (manager) => {
      const publication = await this.store.publication(manager, campaignId);
      await this.store.refuseIfClosed(manager, campaignId);
      const population = await this.store.responses(manager, campaignId, true);
      if (population.length < publication.campaign.responses) {
        throw refuse(
          409,
          'campaignId',
          `the audit has read ${population.length} of the ${publication.campaign.responses} published responses so far; draw again shortly`,
          `kiểm toán mới đọc được ${population.length} trên ${publication.campaign.responses} phiếu đã công bố; hãy chọn mẫu lại sau ít phút`,
        );
      }
      const drawn = drawSample(population, rule, seed ?? randomInt(0, 2 ** 32));
      const sampleId = randomUUID();
      const data: DrawnSampleData = {
        sampleId,
        campaignId,
        seed: drawn.seed,
        rule: drawn.rule,
        sizeRule: SAMPLE_SIZE_RULE,
        algorithm: SAMPLING_ALGORITHM,
        population: { responses: drawn.population, digest: drawn.populationDigest },
        strata: drawn.strata.map((s) => ({
          ...s,
          channel: s.channel as DrawnSampleData['strata'][number]['channel'],
          drawn: [...s.drawn],
        })),
      };
      const event = createEvent(BackCheckSampleDrawn, campaignId, data, { source: 'audit', actor, correlationId });
      await manager.query(
        `INSERT INTO audit.backcheck_samples (sample_id, campaign_id, event_id, actor_id, data) VALUES ($1, $2, $3, $4, $5)`,
        [sampleId, campaignId, event.id, actor.id, JSON.stringify(data)],
      );
      const unitOf = new Map(population.map((r) => [r.responseId, r.unitId]));
      const ids = data.strata.flatMap((s) => s.drawn);
      await manager.query(
        `INSERT INTO audit.backcheck_sampled (sample_id, response_id, campaign_id, unit_id)
         SELECT $1, r, $2, u FROM unnest($3::uuid[], $4::uuid[]) AS t(r, u)`,
        [sampleId, campaignId, ids, ids.map((id) => unitOf.get(id))],
      );
      await this.outbox.append(manager, [event]);
      return { ...data, eventId: event.id, drawnResponses: ids.length };
    });
  }
}
