/** DESIGN: e = 5% unless the campaign says otherwise. */
export const DEFAULT_MARGIN_OF_ERROR = 0.05;

/**
 * Sample a unit needs (Yamane / Slovin): n = N / (1 + N·e²), rounded up, for N services delivered in the
 * period and margin of error e. The tiny tolerance before rounding up keeps float noise (1.25 stored as
 * 1.2500000000000002) from asking for one respondent more than the formula does.
 */
export function requiredSampleSize(servicesDelivered: number, marginOfError = DEFAULT_MARGIN_OF_ERROR): number {
  if (!Number.isSafeInteger(servicesDelivered) || servicesDelivered < 0) {
    throw new RangeError(`services delivered must be a whole number >= 0, got ${servicesDelivered}`);
  }
  if (!(marginOfError > 0 && marginOfError < 1)) throw new RangeError(`margin of error must be between 0 and 1, got ${marginOfError}`);
  const n = servicesDelivered / (1 + servicesDelivered * marginOfError * marginOfError);
  return Math.max(0, Math.ceil(n - 1e-9));
}

export interface SampleProgress {
  readonly servicesDelivered: number;
  readonly marginOfError: number;
  readonly required: number;
  readonly collected: number;
  /** Respondents still missing (0 once reached). */
  readonly remaining: number;
  /** collected ÷ required (can pass 1); null when nothing is required. */
  readonly progress: number | null;
  readonly reached: boolean;
}

export function sampleProgress(servicesDelivered: number, collected: number, marginOfError = DEFAULT_MARGIN_OF_ERROR): SampleProgress {
  if (!Number.isSafeInteger(collected) || collected < 0) throw new RangeError(`collected must be a whole number >= 0, got ${collected}`);
  const required = requiredSampleSize(servicesDelivered, marginOfError);
  return {
    servicesDelivered,
    marginOfError,
    required,
    collected,
    remaining: Math.max(0, required - collected),
    progress: required === 0 ? null : collected / required,
    reached: collected >= required,
  };
}
