import type { SeriesPoint } from './scoring-api';

export interface TrendPoint {
  readonly period: string;
  /** Percent, one decimal; null where the period has no answer (the line breaks rather than inventing a value). */
  readonly index: number | null;
  /** [lower, upper] in percent for recharts' range area; null where there is no interval. */
  readonly band: [number, number] | null;
  readonly sampleSize: number;
}

const percent = (share: number) => Math.round(share * 1000) / 10;

/** Series points as the trend chart draws them, in period order. */
export function trendPoints(points: readonly SeriesPoint[]): TrendPoint[] {
  return [...points]
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
    .map((p) => ({
      period: p.period,
      index: p.overall.index === null ? null : percent(p.overall.index),
      band: p.overall.interval ? [percent(p.overall.interval.lower), percent(p.overall.interval.upper)] : null,
      sampleSize: p.sampleSize,
    }));
}
