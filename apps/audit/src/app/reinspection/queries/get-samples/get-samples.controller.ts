import { drawSample } from '@hailong/audit/domain';
import { Roles } from '@hailong/contracts';
import { AllowRoles } from '@hailong/platform/auth';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ReinspectionStore } from '../../reinspection.store';

const TEAM = [Roles.auditor, Roles.reinspector, Roles.admin] as const;

@ApiTags('re-inspection')
@ApiBearerAuth()
@Controller('reinspection')
export class GetSamplesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ReinspectionStore,
  ) {}

  @Get('campaigns/:campaignId/samples')
  @AllowRoles(...TEAM)
  @ApiOperation({ summary: 'The back-check samples drawn for a campaign, oldest first' })
  async list(@Param('campaignId', new ParseUUIDPipe()) campaignId: string) {
    await this.store.campaign(this.dataSource.manager, campaignId.toLowerCase());
    return { campaignId: campaignId.toLowerCase(), samples: await this.store.samples(this.dataSource.manager, campaignId.toLowerCase()) };
  }

  @Get('samples/:sampleId')
  @AllowRoles(...TEAM)
  @ApiOperation({ summary: 'One sample as its BackCheckSampleDrawn event records it' })
  async one(@Param('sampleId', new ParseUUIDPipe()) sampleId: string) {
    const sample = await this.store.sample(this.dataSource.manager, sampleId.toLowerCase());
    return { ...sample.data, eventId: sample.eventId };
  }

  /**
   * Draws the sample again from the responses the audit holds now, with the recorded seed and rule, and
   * says whether it is the recorded one. A different population (a response voided or corrected since)
   * shows in the digests, so a differing redraw can be told from a tampered one.
   */
  @Get('samples/:sampleId/redraw')
  @AllowRoles(...TEAM)
  @ApiOperation({ summary: 'Redraw a sample with its recorded seed and rule and compare it with the recorded draw' })
  async redraw(@Param('sampleId', new ParseUUIDPipe()) sampleId: string) {
    const manager = this.dataSource.manager;
    const sample = await this.store.sample(manager, sampleId.toLowerCase());
    const population = await this.store.responses(manager, sample.campaignId, true);
    const again = drawSample(population, sample.data.rule, sample.data.seed);
    const recorded = new Map(sample.data.strata.map((s) => [s.key, s]));
    const strata = again.strata.map((s) => ({
      key: s.key,
      populationMatches: recorded.get(s.key)?.populationDigest === s.populationDigest,
      drawnMatches: JSON.stringify(recorded.get(s.key)?.drawn ?? null) === JSON.stringify(s.drawn),
      drawn: s.drawn,
    }));
    return {
      sampleId: sample.sampleId,
      seed: sample.data.seed,
      rule: sample.data.rule,
      populationMatches: again.populationDigest === sample.data.population.digest,
      identical: again.strata.length === recorded.size && strata.every((s) => s.drawnMatches),
      strata,
    };
  }
}
