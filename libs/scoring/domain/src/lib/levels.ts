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

/** The four-level expectation scale: 1 no need to improve, 2 some, 3 want, 4 strongly want improvement. */
export const EXPECTATION_LEVELS = [1, 2, 3, 4] as const;
export type ExpectationLevel = (typeof EXPECTATION_LEVELS)[number];

/** Answers on each expectation level; index 0 is level 1 ("no need to improve"). */
export type ExpectationCounts = readonly [number, number, number, number];

export const EMPTY_EXPECTATION_COUNTS: ExpectationCounts = [0, 0, 0, 0];

export function isExpectationLevel(value: unknown): value is ExpectationLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4;
}
