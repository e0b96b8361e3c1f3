// Shared types of the detection engine.

/** One count series on an index time axis (period 0 is the first element). */
export interface SeriesInput {
  /** Non-negative counts, one per period. */
  counts: ArrayLike<number>;
  /** Optional population per period (same length as counts); R's default is 1 everywhere. */
  population?: ArrayLike<number> | null;
  /** Periods per year: 52 weekly, 12 monthly, 365 daily. Used by Farrington only. */
  frequency: number;
}

/** Inclusive 0-based range of judged periods. */
export interface JudgedRange {
  start: number;
  end: number;
}

/**
 * Answers over the judged periods. `null` stands where R answers NA; `reasons[i]` then says why
 * (it is also set when only the upper bound is missing, e.g. Farrington's limit54 rule).
 */
export interface DetectionResult {
  /** Farrington only: the fitted expectation of the judged period. */
  expected?: (number | null)[];
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
  reasons: (string | null)[];
}
