import {
  AnswerCache,
  BreakdownRequest,
  BreakdownResult,
  computeBreakdown,
  readModelVersion,
  readSampleProgress,
  servicesDeliveredVersion,
  UnitSampleProgress,
} from '@hailong/scoring/data-access';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCORING_SCHEMA } from '../migrations';

/** Breakdowns computed once per read-model version (the dashboard asks the same ones again and again). */
const BREAKDOWNS_KEPT = 64;

/** The breakdowns the figure, series and export endpoints answer with, shared by them, and the sample progress. */
@Injectable()
export class FiguresCache {
  private readonly breakdowns = new AnswerCache<BreakdownResult>(BREAKDOWNS_KEPT);
  private readonly progress = new AnswerCache<UnitSampleProgress[]>(BREAKDOWNS_KEPT);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async breakdown(request: BreakdownRequest): Promise<BreakdownResult> {
    const manager = this.dataSource.manager;
    const version = await readModelVersion(manager, SCORING_SCHEMA);
    return this.breakdowns.answer(version, JSON.stringify(request), () => computeBreakdown(manager, SCORING_SCHEMA, request));
  }

  async sampleProgress(campaignId: string): Promise<UnitSampleProgress[]> {
    const manager = this.dataSource.manager;
    const [counted, planned] = await Promise.all([
      readModelVersion(manager, SCORING_SCHEMA),
      servicesDeliveredVersion(manager, SCORING_SCHEMA, campaignId),
    ]);
    return this.progress.answer(`${counted}/${planned}`, campaignId, () => readSampleProgress(manager, SCORING_SCHEMA, campaignId));
  }
}
