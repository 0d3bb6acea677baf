/** The q-quantile (0–1) of a list of numbers, nearest rank; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const round = (value: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** Wall time of an async step, in seconds, with its result. */
export async function timed<T>(step: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await step();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
