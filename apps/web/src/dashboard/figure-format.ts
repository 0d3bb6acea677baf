import type { Figure, FigureGroup, GroupUnit, Interval } from './scoring-api';

const locales: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

/** An index (a share, 0–1) as a percentage with one decimal: "73,2 %" in Vietnamese, "73.2%" in English. */
export function formatIndex(value: number | null, language: string): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(locales[language] ?? 'vi-VN', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);
}

/** A 95% interval as "68,1–78,0 %": both ends, never a ± that would hide an asymmetric interval. */
export function formatInterval(interval: Interval | null, language: string): string {
  if (!interval) return '—';
  const number = new Intl.NumberFormat(locales[language] ?? 'vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percent = language === 'vi' ? ' %' : '%';
  return `${number.format(interval.lower * 100)}–${number.format(interval.upper * 100)}${percent}`;
}

/** The width of an interval in percentage points, rounded: how far the estimate could be off. */
export function intervalWidthPoints(interval: Interval | null): number | null {
  return interval ? Math.round((interval.upper - interval.lower) * 1000) / 10 : null;
}

export type Reliability = 'enough' | 'small-sample' | 'no-answers';

/** Whether a figure can be read as it stands: no answers, too few respondents to rank it, or enough. */
export function reliabilityOf(figure: Pick<Figure, 'sampleSize' | 'belowMinimumSample' | 'overall'>): Reliability {
  if (figure.sampleSize === 0 || figure.overall.index === null) return 'no-answers';
  return figure.belowMinimumSample ? 'small-sample' : 'enough';
}

/** "1–3" for a rank group spanning positions 1 to 3, "2" for a group of one. */
export function rankLabel(rank: Figure['rank']): string | null {
  if (!rank) return null;
  return rank.from === rank.to ? String(rank.from) : `${rank.from}–${rank.to}`;
}

/**
 * Units in ranking order: by rank group, then by estimate within a group (display only: the group is the
 * rank), then the unranked ones (too small a sample, or no estimate) by estimate; ties by name.
 */
export function inRankOrder<T extends Pick<FigureGroup, 'rank' | 'overall' | 'label'>>(groups: readonly T[]): T[] {
  const estimate = (g: T) => g.overall.index ?? -1;
  return [...groups].sort(
    (a, b) =>
      (a.rank?.group ?? Infinity) - (b.rank?.group ?? Infinity) ||
      estimate(b) - estimate(a) ||
      a.label.labelVi.localeCompare(b.label.labelVi, 'vi'),
  );
}

/** The name of a group in the reader's language. */
export function groupName(group: Pick<FigureGroup, 'label'>, language: string): string {
  return language === 'en' ? group.label.labelEn : group.label.labelVi;
}

/** The unit a unit group stands for, when it stands for one unit. */
export function unitOf(group: Pick<FigureGroup, 'label'>): GroupUnit | null {
  return group.label.key.startsWith('unit:') && group.label.units.length === 1 ? group.label.units[0] : null;
}

/** Commune police are the leaves: there is nothing below them to drill into. */
export function canDrillInto(group: Pick<FigureGroup, 'label'>, current: string | null): boolean {
  const unit = unitOf(group);
  return unit !== null && unit.unitType !== 'commune-police' && unit.unitId !== current;
}

/** recharts' ErrorBar takes [below, above] distances from the value; percentages with one decimal. */
export interface IntervalPoint {
  readonly id: string;
  readonly label: string;
  readonly value: number | null;
  readonly error: [number, number] | null;
  readonly sampleSize: number;
  readonly smallSample: boolean;
}

const percent = (share: number) => Math.round(share * 1000) / 10;

export function intervalPoint(
  id: string,
  label: string,
  figure: { index: number | null; interval: Interval | null; sampleSize: number; belowMinimumSample?: boolean },
): IntervalPoint {
  const value = figure.index === null ? null : percent(figure.index);
  const error: [number, number] | null =
    figure.index !== null && figure.interval
      ? [Math.max(0, percent(figure.index - figure.interval.lower)), Math.max(0, percent(figure.interval.upper - figure.index))]
      : null;
  return { id, label, value, error, sampleSize: figure.sampleSize, smallSample: figure.belowMinimumSample ?? false };
}
