import { rollUp, ScoreCounts } from '@hailong/scoring/domain';
import { EntityManager } from 'typeorm';
import { BreakdownGrouping, BreakdownSpec, describeGroup, dimensionsOf, GroupDescription } from './breakdown';
import { DEFAULT_REPLICATES, FigureSettings, FigureView, figureOf, groupFigures, questionnaireOfContent, totalOf } from './figures';
import { CampaignInfo, countCampaignResponses, loadDirectorySnapshot, readCampaign, readCells, Timeliness } from './score-cells';

export interface BreakdownRequest extends BreakdownSpec {
  readonly campaignId: string;
  readonly timeliness: Timeliness;
  readonly from: string | null;
  readonly to: string | null;
  readonly channel: string | null;
  readonly procedureId: string | null;
  /** Bootstrap replicates; the library's default (2,000) unless a caller asks for fewer to go faster. */
  readonly replicates?: number;
}

export interface BreakdownGroup extends FigureView {
  readonly label: GroupDescription;
}

export interface BreakdownResult {
  readonly campaign: {
    readonly campaignId: string;
    readonly nameVi: string;
    readonly nameEn: string;
    readonly period: { readonly from: string; readonly to: string };
    readonly status: CampaignInfo['status'];
    readonly questionnaire: { readonly questionnaireId: string; readonly version: number };
    readonly minimumSample: number;
  };
  readonly breakdown: BreakdownRequest;
  /** Responses of the whole campaign, on time and late; late ones are in no on-time figure. */
  readonly responses: { readonly onTime: number; readonly late: number };
  /** Every group together: the same whatever the breakdown, for the responses it keeps. */
  readonly total: FigureView;
  readonly groups: readonly BreakdownGroup[];
}

/** A question scoring cannot answer yet or at all; the HTTP layer turns it into a 404 or 409. */
export class BreakdownUnavailable extends Error {
  constructor(
    readonly status: 404 | 409,
    readonly field: string,
    readonly reason: string,
    readonly reasonVi: string,
  ) {
    super(reason);
  }
}

/** The figures of one campaign, broken down as asked. */
export async function computeBreakdown(manager: EntityManager, schema: string, request: BreakdownRequest): Promise<BreakdownResult> {
  const campaign = await readCampaign(manager, schema, request.campaignId);
  if (!campaign) {
    throw new BreakdownUnavailable(
      404,
      'campaignId',
      'scoring knows no such campaign (yet)',
      'hệ thống chấm điểm chưa biết chiến dịch này',
    );
  }
  if (!campaign.questionnaire) {
    throw new BreakdownUnavailable(
      409,
      'campaignId',
      'the campaign’s questionnaire version has not reached scoring yet',
      'phiên bản phiếu khảo sát của chiến dịch chưa đến hệ thống chấm điểm',
    );
  }
  const directory = await loadDirectorySnapshot(manager, schema);
  if (request.under !== null && !directory.isKnown(request.under)) {
    throw new BreakdownUnavailable(404, 'under', 'no such unit in the directory', 'không có đơn vị này trong danh mục');
  }
  const settings: FigureSettings = {
    campaignId: request.campaignId,
    questionnaire: questionnaireOfContent(campaign.questionnaire),
    minimumSample: campaign.definition.minimumSample,
    replicates: request.replicates ?? DEFAULT_REPLICATES,
  };
  const cells = await readCells(manager, schema, request, dimensionsOf(request));
  const grouping = new BreakdownGrouping(request, directory);
  const keyed = new Map<string, ScoreCounts>();
  const groupOfCell = new Map<string, string | null>();
  cells.forEach(({ cell, counts }, i) => {
    keyed.set(String(i), counts);
    groupOfCell.set(String(i), grouping.groupOf(cell));
  });
  const groups = rollUp(keyed, (i) => groupOfCell.get(i) ?? null);
  const labelDate = request.structure === 'rolled-up' ? request.on : campaign.definition.period.to;
  const figures = await groupFigures(groups, settings, request.by === 'unit');
  return {
    campaign: {
      campaignId: request.campaignId,
      nameVi: campaign.definition.nameVi,
      nameEn: campaign.definition.nameEn,
      period: campaign.definition.period,
      status: campaign.status,
      questionnaire: campaign.definition.questionnaire,
      minimumSample: campaign.definition.minimumSample,
    },
    breakdown: request,
    responses: await countCampaignResponses(manager, schema, request.campaignId),
    total: await figureOf('campaign', totalOf(groups), settings),
    groups: figures.map((figure) => ({ ...figure, label: describeGroup(figure.key, directory, labelDate) })),
  };
}
