/** The five-level scale of DESIGN: 1 very dissatisfied … 5 very satisfied. */
export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

/** How many valid answers fell on each level; index 0 is level 1. */
export type LevelCounts = readonly [number, number, number, number, number];

export const EMPTY_LEVEL_COUNTS: LevelCounts = [0, 0, 0, 0, 0];

/** "Satisfied" means level 4 or 5. */
export function isSatisfied(level: Level): boolean {
  return level >= 4;
}

export function isLevel(value: unknown): value is Level {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

export function addLevel(counts: LevelCounts, level: Level, times = 1): LevelCounts {
  const next = [...counts] as [number, number, number, number, number];
  next[level - 1] += times;
  return next;
}

/**
 * Expectation scales are questionnaire data: DESIGN's has four levels (1 no need to improve, 2 some,
 * 3 want, 4 strongly want improvement) and the questionnaire contract allows up to nine, so counts keep
 * nine levels and a figure reads as many as its questionnaire's scale has.
 */
export const MAX_EXPECTATION_LEVELS = 9;
export const DEFAULT_EXPECTATION_LEVELS = 4;
export type ExpectationLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Answers on each expectation level; index 0 is level 1. Counts hold MAX_EXPECTATION_LEVELS entries. */
export type ExpectationCounts = readonly number[];

export const EMPTY_EXPECTATION_COUNTS: ExpectationCounts = Object.freeze(new Array<number>(MAX_EXPECTATION_LEVELS).fill(0));

export function isExpectationLevel(value: unknown): value is ExpectationLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_EXPECTATION_LEVELS;
}
