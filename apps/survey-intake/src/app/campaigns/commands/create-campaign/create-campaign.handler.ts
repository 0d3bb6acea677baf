import { CampaignDefinition, canonicalJson } from '@hailong/contracts';
import { latestState } from '@hailong/directory/history';
import { DirectoryView } from '@hailong/directory/view';
import { UnitValidity } from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { QuestionnaireStore } from '../../../questionnaires/questionnaire-store';
import { CampaignLifecycleRunner } from '../../campaign-lifecycle.runner';
import { CampaignRecord, CampaignStore } from '../../campaign-store';
import { CreateCampaignRequestDto } from './create-campaign.request.dto';

/** The questionnaire a campaign gets when it names none: the reference file's current form. */
export const DEFAULT_QUESTIONNAIRE_ID = 'current';
export const DEFAULT_MINIMUM_SAMPLE = 30;

@Injectable()
export class CreateCampaignHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: CampaignLifecycleRunner,
    private readonly campaigns: CampaignStore,
    private readonly questionnaires: QuestionnaireStore,
    private readonly directory: DirectoryView,
  ) {}

  async execute(
    request: CreateCampaignRequestDto,
    actor: Actor,
    correlationId: string,
  ): Promise<{ campaign: CampaignRecord; created: boolean }> {
    const manager = this.dataSource.manager;
    const questionnaireId = request.questionnaire?.questionnaireId ?? DEFAULT_QUESTIONNAIRE_ID;
    // The version is pinned now: a later version of the questionnaire never changes this campaign.
    const version = request.questionnaire?.version ?? (await this.questionnaires.latest(manager, questionnaireId))?.version ?? 1;
    const definition: CampaignDefinition = {
      campaignId: (request.campaignId ?? randomUUID()).toLowerCase(),
      nameVi: request.nameVi,
      nameEn: request.nameEn,
      period: { from: request.period.from, to: request.period.to },
      scope: {
        unitIds: (request.scope.unitIds ?? []).map((id) => id.toLowerCase()),
        unitTypes: request.scope.unitTypes ?? [],
        withinUnitId: request.scope.withinUnitId?.toLowerCase() ?? null,
      },
      methods: request.methods,
      questionnaire: { questionnaireId, version },
      targetSample: {
        perUnit: request.targetSample.perUnit,
        byUnit: (request.targetSample.byUnit ?? []).map((t) => ({ unitId: t.unitId.toLowerCase(), target: t.target })),
      },
      minimumSample: request.minimumSample ?? DEFAULT_MINIMUM_SAMPLE,
    };
    // A retry with the caller's id and the same definition gets the campaign it created.
    const existing = await this.campaigns.load(manager, definition.campaignId);
    if (existing && canonicalJson(existing.definition) === canonicalJson(definition)) return { campaign: existing, created: false };

    const campaign = await this.runner.run(
      definition.campaignId,
      { type: 'CreateCampaign', definition },
      actor,
      correlationId,
      async (m) => {
        const units = [
          ...definition.scope.unitIds,
          ...definition.targetSample.byUnit.map((t) => t.unitId),
          ...(definition.scope.withinUnitId ? [definition.scope.withinUnitId] : []),
        ];
        const validity = new Map<string, UnitValidity>();
        for (const unitId of new Set(units)) {
          const unit = latestState(await this.directory.history(m, unitId));
          if (unit) validity.set(unitId, { validFrom: unit.validFrom, validTo: unit.validTo });
        }
        const questionnaire = await this.questionnaires.get(m, definition.questionnaire);
        return { questionnaireExists: () => questionnaire !== null, unitValidity: (unitId) => validity.get(unitId) ?? null };
      },
    );
    return { campaign, created: true };
  }
}
