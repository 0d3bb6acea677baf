import { DifferingAnswers, latestVerdicts, reinspectedResponses, VERDICTS, VerdictRecord } from '@hailong/audit/domain';
import { PublishedFigure } from '@hailong/contracts';
import { FigureSettings, groupFigures, figureOf, publishedPart, questionnaireOfContent, totalOf } from '@hailong/scoring/data-access';
import { countResponses, ScoreCounts } from '@hailong/scoring/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Publication, ReinspectionStore } from './reinspection.store';

export type ReinspectionStatus = 'published' | 're-inspected';

export interface FigurePair {
  readonly key: string;
  readonly unitId: string | null;
  readonly unitCode: string | null;
  readonly nameVi: string | null;
  readonly nameEn: string | null;
  /** As CampaignScoresPublished carries it: never changed by a verdict. */
  readonly published: PublishedFigure | null;
  /** Recomputed by scoring's own code without the responses found invalid. */
  readonly reinspected: PublishedFigure | null;
}

export interface VerdictTally {
  readonly sampled: number;
  readonly confirmed: number;
  readonly notReachable: number;
  readonly respondentDenies: number;
  readonly answersDiffer: number;
  readonly pending: number;
}

export interface ReinspectedFigures {
  readonly campaignId: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly status: ReinspectionStatus;
  readonly closedAt: string | null;
  readonly differingAnswers: DifferingAnswers;
  readonly method: Publication['method'];
  readonly verdicts: VerdictTally;
  readonly excludedResponseIds: readonly string[];
  readonly replacedResponseIds: readonly string[];
  readonly campaign: FigurePair;
  readonly byUnit: readonly FigurePair[];
}

/**
 * Published figures beside re-inspected ones: every unit's figures recomputed with scoring's own
 * figure code (same seeds, replicates, minimum sample and ranking as the publication) over the
 * campaign's on-time responses less those the verdicts found invalid. With no such verdict the two
 * columns are equal, which the end-to-end test checks.
 */
@Injectable()
export class ReinspectedFiguresService {
  constructor(private readonly store: ReinspectionStore) {}

  async compute(manager: EntityManager, campaignId: string, differing: DifferingAnswers): Promise<ReinspectedFigures> {
    const { definition } = await this.store.campaign(manager, campaignId);
    const publication = await this.store.publication(manager, campaignId);
    const content = await this.store.questionnaire(manager, publication.questionnaire);
    const responses = await this.store.responses(manager, campaignId, true);
    const verdicts = latestVerdicts(await this.store.verdicts(manager, campaignId));
    const sampled = await this.store.sampled(manager, campaignId);
    const closure = await this.store.closure(manager, campaignId);
    const names = await this.store.unitNames(manager);

    const { counted, excluded, replaced } = reinspectedResponses(responses, verdicts, differing);
    const groups = new Map<string, ScoreCounts>();
    const byUnit = new Map<
      string,
      { answers: readonly { itemId: string; level: number | null }[]; expectations: readonly { itemId: string; level: number | null }[] }[]
    >();
    for (const { response, answers } of counted) {
      const key = `unit:${response.unitId}`;
      byUnit.set(key, [...(byUnit.get(key) ?? []), { answers, expectations: response.expectations }]);
    }
    for (const [key, list] of byUnit) groups.set(key, countResponses(list));
    const settings: FigureSettings = {
      campaignId,
      questionnaire: questionnaireOfContent(content),
      minimumSample: publication.method.minimumSample,
      replicates: publication.method.bootstrapReplicates,
    };
    const reinspected = new Map((await groupFigures(groups, settings, true)).map((f) => [f.key, publishedPart(f)]));
    const published = new Map(publication.byUnit.map((f) => [f.key, f]));
    const keys = [...new Set([...published.keys(), ...reinspected.keys()])].sort();
    const pair = (key: string, p: PublishedFigure | null, r: PublishedFigure | null): FigurePair => {
      const unitId = key.startsWith('unit:') ? key.slice('unit:'.length) : null;
      const unit = unitId ? names.get(unitId) : undefined;
      return {
        key,
        unitId,
        unitCode: unit?.code ?? null,
        nameVi: unit?.nameVi ?? null,
        nameEn: unit?.nameEn ?? null,
        published: p,
        reinspected: r,
      };
    };
    return {
      campaignId,
      nameVi: definition.nameVi,
      nameEn: definition.nameEn,
      status: closure ? 're-inspected' : 'published',
      closedAt: closure?.closedAt ?? null,
      differingAnswers: differing,
      method: publication.method,
      verdicts: tally(sampled, verdicts),
      excludedResponseIds: excluded,
      replacedResponseIds: replaced,
      campaign: pair('campaign', publication.campaign, publishedPart(await figureOf('campaign', totalOf(groups), settings))),
      byUnit: keys.map((key) => pair(key, published.get(key) ?? null, reinspected.get(key) ?? null)),
    };
  }
}

export function tally(sampled: ReadonlyMap<string, unknown>, verdicts: ReadonlyMap<string, VerdictRecord>): VerdictTally {
  const count = (v: (typeof VERDICTS)[number]) => [...sampled.keys()].filter((id) => verdicts.get(id)?.verdict === v).length;
  return {
    sampled: sampled.size,
    confirmed: count('confirmed'),
    notReachable: count('not-reachable'),
    respondentDenies: count('respondent-denies'),
    answersDiffer: count('answers-differ'),
    pending: [...sampled.keys()].filter((id) => !verdicts.has(id)).length,
  };
}
