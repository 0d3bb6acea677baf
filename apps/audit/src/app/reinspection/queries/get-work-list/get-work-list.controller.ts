import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { Controller, Get, HttpException, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { latestVerdicts } from '@hailong/audit/domain';
import { ReinspectionStore } from '../../reinspection.store';

export class WorkListQueryDto {
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection/assignments')
export class GetWorkListController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ReinspectionStore,
  ) {}

  /**
   * A re-inspector sees their own work list; the auditor and the admin see everyone's. Each campaign's
   * questions come with it (from its published questionnaire version), so that answers given again on a
   * back-check can be keyed against them; null while the audit has not read the publication.
   */
  @Get()
  @AllowRoles(Roles.reinspector, Roles.auditor, Roles.admin)
  @ApiOperation({
    summary: 'Sampled responses assigned for a back-check, with their unit and latest verdict (a re-inspector sees their own)',
  })
  @ApiQuery({ name: 'campaignId', required: false })
  async list(@Query() query: WorkListQueryDto, @CurrentActor() actor: Actor) {
    const manager = this.dataSource.manager;
    const everyone = actor.roles.includes(Roles.auditor) || actor.roles.includes(Roles.admin);
    const assignments = await this.store.assignments(manager, {
      reinspectorId: everyone ? undefined : actor.id,
      campaignId: query.campaignId?.toLowerCase(),
    });
    const names = await this.store.unitNames(manager);
    const verdictsByCampaign = new Map<string, Awaited<ReturnType<typeof latestVerdicts>>>();
    const questions: Record<string, { itemId: string; vi: string; en: string }[] | null> = {};
    for (const campaignId of new Set(assignments.map((a) => a.campaignId))) {
      verdictsByCampaign.set(campaignId, latestVerdicts(await this.store.verdicts(manager, campaignId)));
      questions[campaignId] = await this.questionsOf(manager, campaignId);
    }
    return {
      questions,
      assignments: assignments.map((a) => {
        const verdict = verdictsByCampaign.get(a.campaignId)?.get(a.responseId) ?? null;
        return {
          ...a,
          unit: names.get(a.unitId) ?? null,
          verdict: verdict ? { verdict: verdict.verdict, recordedAt: verdict.recordedAt } : null,
        };
      }),
    };
  }

  private async questionsOf(manager: EntityManager, campaignId: string) {
    try {
      const content = await this.store.questionnaire(manager, (await this.store.publication(manager, campaignId)).questionnaire);
      return content.factors.flatMap((f) => f.items.map((i) => ({ itemId: i.id, vi: i.vi, en: i.en })));
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 409) return null;
      throw error;
    }
  }
}
