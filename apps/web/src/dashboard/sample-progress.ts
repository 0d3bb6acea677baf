import type { UnitSampleProgress } from './scoring-api';

export interface CampaignTarget {
  readonly perUnit: number;
  readonly byUnit: readonly { readonly unitId: string; readonly target: number }[];
}

export interface ProgressRow {
  readonly unitId: string;
  readonly collected: number;
  /** Respondents needed: the planned sample where services delivered were entered, else the campaign's target. */
  readonly needed: number | null;
  readonly kind: 'plan' | 'campaign' | null;
  /** collected ÷ needed, capped at 1 for drawing. */
  readonly share: number | null;
  readonly reached: boolean;
}

/** Each unit's collection against what it needs; the furthest behind first, so the screen starts with what needs doing. */
export function progressRows(units: readonly UnitSampleProgress[], target: CampaignTarget | null): ProgressRow[] {
  const rows = units.map((u): ProgressRow => {
    const campaignTarget = target ? (target.byUnit.find((b) => b.unitId === u.unitId)?.target ?? target.perUnit) : null;
    const needed = u.plan ? u.plan.required : campaignTarget;
    const kind = u.plan ? 'plan' : campaignTarget !== null ? 'campaign' : null;
    const share = needed ? Math.min(1, u.collected / needed) : null;
    return { unitId: u.unitId, collected: u.collected, needed, kind, share, reached: needed !== null && u.collected >= needed };
  });
  return rows.sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || b.collected - a.collected || a.unitId.localeCompare(b.unitId));
}
