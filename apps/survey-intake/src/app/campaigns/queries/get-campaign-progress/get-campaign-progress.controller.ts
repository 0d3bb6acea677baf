import { Roles } from '@hailong/contracts';
import { targetSampleOf } from '@hailong/intake/domain';
import { DirectoryView } from '@hailong/directory/view';
import { Actor, AllowRoles, confinedUnitOf, CurrentActor } from '@hailong/platform/auth';
import { todayInVietnam } from '@hailong/platform/http';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { INTAKE_SCHEMA } from '../../../migrations';
import { CampaignStore } from '../../campaign-store';
import { campaignNotFound } from '../../campaign.view';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class GetCampaignProgressController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CampaignStore,
    private readonly directory: DirectoryView,
  ) {}

  /**
   * Per unit: responses that count (submitted or put in by a correction, neither voided nor replaced
   * since), the voided and replaced ones, against the unit's target and the campaign's minimum sample.
   */
  @Get(':campaignId/progress')
  @AllowRoles(Roles.campaignManager, Roles.surveyor, Roles.viewer, Roles.auditor, Roles.reinspector, Roles.admin)
  async progress(@Param('campaignId', new ParseUUIDPipe()) campaignId: string, @CurrentActor() actor: Actor) {
    const manager = this.dataSource.manager;
    const campaign = await this.store.load(manager, campaignId.toLowerCase());
    if (!campaign) throw new NotFoundException(campaignNotFound());
    const rows: { unit_id: string; valid: number; voided: number; replaced: number }[] = await manager.query(
      `SELECT unit_id,
              count(*) FILTER (WHERE status = 'valid')::int AS valid,
              count(*) FILTER (WHERE status = 'voided')::int AS voided,
              count(*) FILTER (WHERE status = 'replaced')::int AS replaced
         FROM "${INTAKE_SCHEMA}".responses WHERE campaign_id = $1 GROUP BY unit_id ORDER BY unit_id`,
      [campaign.definition.campaignId],
    );
    const { minimumSample } = campaign.definition;
    // Staff tied to a unit see the units in today's structure under their own, and totals of those.
    const own = confinedUnitOf(actor);
    const visible = own === null ? null : await this.directory.unitsWithin(manager, own, todayInVietnam());
    const units = rows
      .filter((r) => visible === null || visible.has(r.unit_id))
      .map((r) => ({
        unitId: r.unit_id,
        validResponses: r.valid,
        voided: r.voided,
        replaced: r.replaced,
        targetSample: targetSampleOf(campaign.definition, r.unit_id),
        belowMinimumSample: r.valid < minimumSample,
      }));
    return {
      campaignId: campaign.definition.campaignId,
      status: campaign.status,
      minimumSample,
      validResponses: units.reduce((n, u) => n + u.validResponses, 0),
      units,
    };
  }
}
