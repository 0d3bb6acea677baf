import { SampleCandidate, SignalResponse, Verdict, VerdictRecord } from '@hailong/audit/domain';
import { CampaignDefinition, CampaignScoresPublished, DataOf, DrawnSampleData, QuestionnaireContent } from '@hailong/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { refuse } from './reinspection-refusal';

export type Publication = DataOf<typeof CampaignScoresPublished>;

/** A response as the audit keeps it for re-inspection: no personal data, ever. */
export interface KeptResponse extends SampleCandidate, SignalResponse {
  readonly late: boolean;
  readonly expectations: readonly { itemId: string; level: number | null }[];
}

export interface Assignment {
  readonly responseId: string;
  readonly sampleId: string;
  readonly campaignId: string;
  readonly unitId: string;
  readonly reinspectorId: string;
  readonly assignedAt: string;
}

interface ResponseRow {
  response_id: string;
  unit_id: string;
  channel: string;
  collector: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  recorded_at: Date;
  answers: { itemId: string; level: number | null }[];
  expectations: { itemId: string; level: number | null }[];
  late: boolean;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** Reads of the audit's re-inspection tables (filled by ReinspectionLogProjection and the audit's own commands). */
@Injectable()
export class ReinspectionStore {
  async campaign(manager: EntityManager, campaignId: string): Promise<{ definition: CampaignDefinition; status: string }> {
    const [row]: { definition: CampaignDefinition; status: string }[] = await manager.query(
      `SELECT definition, status FROM audit.reinspection_campaigns WHERE campaign_id = $1`,
      [campaignId],
    );
    if (!row)
      throw refuse(
        404,
        'campaignId',
        'the audit has read no such campaign from the log',
        'kiểm toán chưa đọc được chiến dịch này từ nhật ký',
      );
    return row;
  }

  /** The campaign's publication: re-inspection starts from published figures. */
  async publication(manager: EntityManager, campaignId: string): Promise<Publication> {
    await this.campaign(manager, campaignId);
    const [row]: { data: Publication }[] = await manager.query(`SELECT data FROM audit.reinspection_publications WHERE campaign_id = $1`, [
      campaignId,
    ]);
    if (!row) {
      throw refuse(
        409,
        'campaignId',
        'the campaign’s scores are not published (or the audit has not read the publication yet)',
        'điểm của chiến dịch chưa được công bố (hoặc kiểm toán chưa đọc được bản công bố)',
      );
    }
    return row.data;
  }

  async questionnaire(manager: EntityManager, ref: { questionnaireId: string; version: number }): Promise<QuestionnaireContent> {
    const [row]: { content: QuestionnaireContent }[] = await manager.query(
      `SELECT content FROM audit.reinspection_questionnaires WHERE questionnaire_id = $1 AND version = $2`,
      [ref.questionnaireId, ref.version],
    );
    if (!row)
      throw refuse(
        409,
        'campaignId',
        'the audit has not read the campaign’s questionnaire yet',
        'kiểm toán chưa đọc được phiếu khảo sát của chiến dịch',
      );
    return row.content;
  }

  /** Responses that count (not voided, not replaced); `onTimeOnly` leaves out those accepted after the close, as published figures do. */
  async responses(manager: EntityManager, campaignId: string, onTimeOnly: boolean): Promise<KeptResponse[]> {
    const rows: ResponseRow[] = await manager.query(
      `SELECT response_id, unit_id, channel, collector, started_at, finished_at, recorded_at, answers, expectations, late
         FROM audit.reinspection_responses
        WHERE campaign_id = $1 AND status = 'counted' ${onTimeOnly ? 'AND NOT late' : ''}
        ORDER BY response_id`,
      [campaignId],
    );
    return rows.map((r) => ({
      responseId: r.response_id,
      unitId: r.unit_id,
      channel: r.channel,
      collector: r.collector,
      startedAt: iso(r.started_at),
      finishedAt: iso(r.finished_at),
      recordedAt: r.recorded_at.toISOString(),
      answers: r.answers,
      expectations: r.expectations,
      late: r.late,
    }));
  }

  async unitNames(manager: EntityManager): Promise<Map<string, { code: string; nameVi: string; nameEn: string }>> {
    const rows: { unit_id: string; code: string; name_vi: string; name_en: string }[] = await manager.query(
      `SELECT unit_id, code, name_vi, name_en FROM audit.reinspection_units`,
    );
    return new Map(rows.map((r) => [r.unit_id, { code: r.code, nameVi: r.name_vi, nameEn: r.name_en }]));
  }

  async samples(
    manager: EntityManager,
    campaignId: string,
  ): Promise<{ sampleId: string; drawnAt: string; actorId: string; data: DrawnSampleData }[]> {
    const rows: { sample_id: string; drawn_at: Date; actor_id: string; data: DrawnSampleData }[] = await manager.query(
      `SELECT sample_id, drawn_at, actor_id, data FROM audit.backcheck_samples WHERE campaign_id = $1 ORDER BY drawn_at, sample_id`,
      [campaignId],
    );
    return rows.map((r) => ({ sampleId: r.sample_id, drawnAt: r.drawn_at.toISOString(), actorId: r.actor_id, data: r.data }));
  }

  async sample(
    manager: EntityManager,
    sampleId: string,
  ): Promise<{ sampleId: string; campaignId: string; eventId: string; data: DrawnSampleData }> {
    const [row]: { sample_id: string; campaign_id: string; event_id: string; data: DrawnSampleData }[] = await manager.query(
      `SELECT sample_id, campaign_id, event_id, data FROM audit.backcheck_samples WHERE sample_id = $1`,
      [sampleId],
    );
    if (!row) throw refuse(404, 'sampleId', 'no such sample', 'không có mẫu này');
    return { sampleId: row.sample_id, campaignId: row.campaign_id, eventId: row.event_id, data: row.data };
  }

  /** Every sampled response of the campaign, with the sample it was (last) drawn in. */
  async sampled(manager: EntityManager, campaignId: string): Promise<Map<string, { sampleId: string; unitId: string }>> {
    const rows: { response_id: string; sample_id: string; unit_id: string }[] = await manager.query(
      `SELECT s.response_id, s.sample_id, s.unit_id FROM audit.backcheck_sampled s JOIN audit.backcheck_samples b USING (sample_id)
        WHERE s.campaign_id = $1 ORDER BY b.drawn_at, s.sample_id`,
      [campaignId],
    );
    return new Map(rows.map((r) => [r.response_id, { sampleId: r.sample_id, unitId: r.unit_id }]));
  }

  async assignment(manager: EntityManager, responseId: string): Promise<Assignment | null> {
    const [row] = await this.assignments(manager, { responseId });
    return row ?? null;
  }

  async assignments(
    manager: EntityManager,
    filter: { responseId?: string; reinspectorId?: string; campaignId?: string },
  ): Promise<Assignment[]> {
    const rows: {
      response_id: string;
      sample_id: string;
      campaign_id: string;
      unit_id: string;
      reinspector_id: string;
      assigned_at: Date;
    }[] = await manager.query(
      `SELECT response_id, sample_id, campaign_id, unit_id, reinspector_id, assigned_at FROM audit.backcheck_assignments
          WHERE ($1::uuid IS NULL OR response_id = $1) AND ($2::text IS NULL OR reinspector_id = $2) AND ($3::uuid IS NULL OR campaign_id = $3)
          ORDER BY assigned_at, response_id`,
      [filter.responseId ?? null, filter.reinspectorId ?? null, filter.campaignId ?? null],
    );
    return rows.map((r) => ({
      responseId: r.response_id,
      sampleId: r.sample_id,
      campaignId: r.campaign_id,
      unitId: r.unit_id,
      reinspectorId: r.reinspector_id,
      assignedAt: r.assigned_at.toISOString(),
    }));
  }

  async verdicts(manager: EntityManager, campaignId: string): Promise<(VerdictRecord & { verdictId: string; actorId: string })[]> {
    const rows: {
      verdict_id: string;
      response_id: string;
      verdict: Verdict;
      recollected_answers: { itemId: string; level: number | null }[] | null;
      recorded_at: Date;
      actor_id: string;
    }[] = await manager.query(
      `SELECT verdict_id, response_id, verdict, recollected_answers, recorded_at, actor_id FROM audit.backcheck_verdicts
        WHERE campaign_id = $1 ORDER BY recorded_at, verdict_id`,
      [campaignId],
    );
    return rows.map((r) => ({
      verdictId: r.verdict_id,
      responseId: r.response_id,
      verdict: r.verdict,
      recollectedAnswers: r.recollected_answers,
      recordedAt: r.recorded_at.toISOString(),
      actorId: r.actor_id,
    }));
  }

  async closure(manager: EntityManager, campaignId: string): Promise<{ closedAt: string; actorId: string; eventId: string } | null> {
    const [row]: { closed_at: Date; actor_id: string; event_id: string }[] = await manager.query(
      `SELECT closed_at, actor_id, event_id FROM audit.reinspection_closures WHERE campaign_id = $1`,
      [campaignId],
    );
    return row ? { closedAt: row.closed_at.toISOString(), actorId: row.actor_id, eventId: row.event_id } : null;
  }

  async refuseIfClosed(manager: EntityManager, campaignId: string): Promise<void> {
    if (await this.closure(manager, campaignId)) {
      throw refuse(
        409,
        'campaignId',
        'the campaign’s re-inspection is closed: nothing more can be drawn, assigned or recorded',
        'đợt phúc tra của chiến dịch đã kết thúc: không thể chọn mẫu, phân công hay ghi kết quả thêm',
      );
    }
  }
}
