import { describe, expect, it } from 'vitest';
import { defaultCampaign } from './dashboard-page';
import { progressRows } from './sample-progress';
import type { ScoringCampaign } from './scoring-api';
import { trendPoints } from './trend';

const campaign = (id: string, onTime: number): ScoringCampaign => ({
  campaignId: id,
  nameVi: id,
  nameEn: id,
  period: { from: '2022-04-01', to: '2022-05-31' },
  status: 'open',
  published: false,
  responses: { onTime, late: 0 },
});

describe('dashboard data shaping', () => {
  it('draws the trend in period order, breaking the line where a period has no answer', () => {
    const points = trendPoints([
      {
        period: '2022-W15',
        responses: 3,
        sampleSize: 3,
        belowMinimumSample: true,
        overall: { index: 0.5, interval: { lower: 0.2, upper: 0.8 } },
      },
      { period: '2022-W14', responses: 1, sampleSize: 0, belowMinimumSample: true, overall: { index: null, interval: null } },
    ]);
    expect(points).toEqual([
      { period: '2022-W14', index: null, band: null, sampleSize: 0 },
      { period: '2022-W15', index: 50, band: [20, 80], sampleSize: 3 },
    ]);
  });

  it('measures sample progress against the planned sample where N was entered, else the campaign target, furthest behind first', () => {
    const rows = progressRows(
      [
        {
          unitId: 'planned',
          collected: 50,
          plan: { servicesDelivered: 400, marginOfError: 0.1, required: 80, remaining: 30, progress: 0.625, reached: false },
        },
        { unitId: 'done', collected: 35, plan: null },
        { unitId: 'special', collected: 5, plan: null },
      ],
      { perUnit: 30, byUnit: [{ unitId: 'special', target: 10 }] },
    );
    expect(rows.map((r) => [r.unitId, r.collected, r.needed, r.kind, r.reached])).toEqual([
      ['special', 5, 10, 'campaign', false],
      ['planned', 50, 80, 'plan', false],
      ['done', 35, 30, 'campaign', true],
    ]);
    expect(rows[2].share).toBe(1);
  });

  it('opens on the latest campaign that has forms', () => {
    expect(defaultCampaign([campaign('old', 10), campaign('newer', 5), campaign('empty', 0)])?.campaignId).toBe('newer');
    expect(defaultCampaign([campaign('empty', 0)])?.campaignId).toBe('empty');
    expect(defaultCampaign([])).toBeNull();
  });
});
