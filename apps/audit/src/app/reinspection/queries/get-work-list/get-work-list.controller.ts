import { Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
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

  /** A re-inspector sees their own work list; the auditor and the admin see everyone's. */
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
    for (const campaignId of new Set(assignments.map((a) => a.campaignId))) {
      verdictsByCampaign.set(campaignId, latestVerdicts(await this.store.verdicts(manager, campaignId)));
    }
    return {
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
}
