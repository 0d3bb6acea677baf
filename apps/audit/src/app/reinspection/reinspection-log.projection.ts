import {
  CampaignClosed,
  CampaignCreated,
  CampaignOpened,
  CampaignScoresPublished,
  DataOf,
  EventEnvelope,
  QuestionnaireVersionPublished,
  ResponseCorrected,
  ResponseData,
  ResponseSubmitted,
  ResponseVoided,
  Topics,
  UnitRegistered,
  UnitRenamed,
} from '@hailong/contracts';
import { Projection, ProjectionBatch } from '@hailong/platform/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

const INSERT_ROWS = 1000;

const collectorOf = (response: ResponseData) => (response.collectedBy ? `${response.collectedBy.kind}:${response.collectedBy.id}` : null);

/**
 * What re-inspection needs of the log, kept in the audit's schema: a campaign's responses (answers,
 * who collected them and when, never personal data), whether each still counts, the questionnaires,
 * the campaigns, their publications and the units' names. Everything else the audit decides from
 * its own events. Idempotent writes; the consumer applies an event once in effect anyway.
 */
@Controller()
export class ReinspectionLogProjection {
  @Projection({
    name: 'reinspection-log',
    topics: [Topics.intakeResponses, Topics.scoringEvents, Topics.directoryEvents],
    eventTypes: [
      QuestionnaireVersionPublished.type,
      CampaignCreated.type,
      CampaignOpened.type,
      CampaignClosed.type,
      ResponseSubmitted.type,
      ResponseVoided.type,
      ResponseCorrected.type,
      CampaignScoresPublished.type,
      UnitRegistered.type,
      UnitRenamed.type,
    ],
  })
  async apply(@Payload() { events, manager }: ProjectionBatch): Promise<void> {
    // Submissions in a row go in one statement (a backlog is almost nothing else); any other event waits
    // until the submissions before it are in, since a void or a correction may name one of them.
    let submitted: { response: ResponseData; late: boolean; recordedAt: string }[] = [];
    for (const event of events) {
      if (event.type === ResponseSubmitted.type) {
        const data = event.data as DataOf<typeof ResponseSubmitted>;
        submitted.push({ response: data, late: data.late ?? false, recordedAt: event.recordedAt });
        continue;
      }
      await this.insertResponses(manager, submitted);
      submitted = [];
      await this.applyOne(manager, event);
    }
    await this.insertResponses(manager, submitted);
  }

  private async applyOne(manager: EntityManager, event: EventEnvelope): Promise<void> {
    switch (event.type) {
      case QuestionnaireVersionPublished.type: {
        const data = event.data as DataOf<typeof QuestionnaireVersionPublished>;
        await manager.query(
          `INSERT INTO audit.reinspection_questionnaires (questionnaire_id, version, content) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [data.questionnaireId, data.version, JSON.stringify(data.content)],
        );
        return;
      }
      case CampaignCreated.type: {
        const data = event.data as DataOf<typeof CampaignCreated>;
        await manager.query(
          `INSERT INTO audit.reinspection_campaigns (campaign_id, definition, status) VALUES ($1, $2, 'draft') ON CONFLICT DO NOTHING`,
          [data.campaignId, JSON.stringify(data)],
        );
        return;
      }
      case CampaignOpened.type:
      case CampaignClosed.type: {
        const { campaignId } = event.data as { campaignId: string };
        await manager.query(`UPDATE audit.reinspection_campaigns SET status = $2 WHERE campaign_id = $1`, [
          campaignId,
          event.type === CampaignOpened.type ? 'open' : 'closed',
        ]);
        return;
      }
      case ResponseVoided.type: {
        const data = event.data as DataOf<typeof ResponseVoided>;
        await manager.query(`UPDATE audit.reinspection_responses SET status = 'voided' WHERE response_id = $1`, [data.responseId]);
        return;
      }
      case ResponseCorrected.type: {
        const data = event.data as DataOf<typeof ResponseCorrected>;
        const [original]: { late: boolean }[] = await manager.query(
          `UPDATE audit.reinspection_responses SET status = 'replaced' WHERE response_id = $1 RETURNING late`,
          [data.responseId],
        );
        await this.insertResponses(manager, [{ response: data.replacement, late: original?.late ?? false, recordedAt: event.recordedAt }]);
        return;
      }
      case CampaignScoresPublished.type: {
        const data = event.data as DataOf<typeof CampaignScoresPublished>;
        await manager.query(
          `INSERT INTO audit.reinspection_publications (campaign_id, event_id, data) VALUES ($1, $2, $3)
           ON CONFLICT (campaign_id) DO UPDATE SET event_id = EXCLUDED.event_id, data = EXCLUDED.data`,
          [data.campaignId, event.id, JSON.stringify(data)],
        );
        return;
      }
      case UnitRegistered.type: {
        const data = event.data as DataOf<typeof UnitRegistered>;
        await manager.query(
          `INSERT INTO audit.reinspection_units (unit_id, code, name_vi, name_en, named_from) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [data.unitId, data.code, data.nameVi, data.nameEn, data.validFrom],
        );
        return;
      }
      case UnitRenamed.type: {
        const data = event.data as DataOf<typeof UnitRenamed>;
        // The latest name by the date it took effect, whatever order the renames were recorded in.
        await manager.query(
          `UPDATE audit.reinspection_units SET name_vi = $2, name_en = $3, named_from = $4 WHERE unit_id = $1 AND named_from <= $4`,
          [data.unitId, data.nameVi, data.nameEn, data.effectiveDate],
        );
        return;
      }
    }
  }

  private async insertResponses(
    manager: EntityManager,
    responses: readonly { response: ResponseData; late: boolean; recordedAt: string }[],
  ): Promise<void> {
    // Responses from before campaigns existed have nothing to re-inspect.
    const rows = responses
      .filter(({ response }) => response.campaignId !== null)
      .map(({ response, late, recordedAt }) => ({
        response_id: response.responseId,
        campaign_id: response.campaignId,
        unit_id: response.unitId,
        channel: response.channel,
        collector: collectorOf(response),
        started_at: response.form.startedAt,
        finished_at: response.form.finishedAt,
        recorded_at: recordedAt,
        answers: response.answers,
        expectations: response.expectations,
        late,
      }));
    // A thousand rows a statement: a backlog chunk of 10,000 events as one JSON parameter is some 10 MB of
    // text, and the driver keeps a copy of it.
    for (let start = 0; start < rows.length; start += INSERT_ROWS) {
      await manager.query(
        `INSERT INTO audit.reinspection_responses
           (response_id, campaign_id, unit_id, channel, collector, started_at, finished_at, recorded_at, answers, expectations, late)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(response_id uuid, campaign_id uuid, unit_id uuid, channel text, collector text,
                started_at timestamptz, finished_at timestamptz, recorded_at timestamptz, answers jsonb, expectations jsonb, late boolean)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows.slice(start, start + INSERT_ROWS))],
      );
    }
  }
}
