// Public API of the outbreak-detection engine: pure functions, no I/O.
import { cusum } from './cusum';
import { earsC } from './ears';
import { FarringtonDetector } from './farrington';
import type { DetectionConfig } from './params';
import type { DetectionResult, JudgedRange, SeriesInput } from './types';

export {
  CusumParamsSchema,
  DetectionRequestSchema,
  EarsParamsSchema,
  FarringtonParamsSchema,
  METHODS,
  SeriesRequestSchema,
  parseDetectionConfig,
  parseDetectionRequest,
} from './params';
export type {
  CusumParams,
  DetectionConfig,
  DetectionRequest,
  EarsParams,
  FarringtonParams,
  MethodName,
  Validation,
} from './params';
export type { DetectionResult, JudgedRange, SeriesInput } from './types';

/** Judges one series; callers judging many series of one configuration should use createDetector. */
export type Detector = (series: SeriesInput, range: JudgedRange) => DetectionResult;

/** Check the series and range; returns an error message or null. */
export function checkSeries(series: SeriesInput, range: JudgedRange): string | null {
  const n = series.counts.length;
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 0 || range.end < range.start) {
    return `invalid range ${range.start}..${range.end}`;
  }
  if (range.end >= n) return `range ${range.start}..${range.end} is outside the series (${n} periods)`;
  if (!Number.isInteger(series.frequency) || series.frequency < 1) return `invalid frequency ${series.frequency}`;
  for (let i = 0; i < n; i++) {
    const c = series.counts[i];
    if (!(c >= 0) || !Number.isFinite(c)) return `count ${i} is not a non-negative finite number`;
  }
  if (series.population) {
    if (series.population.length !== n) return 'population and counts differ in length';
    for (let i = 0; i < n; i++) {
      const v = series.population[i];
      if (!(v >= 0) || !Number.isFinite(v)) return `population ${i} is not a non-negative finite number`;
    }
  }
  return null;
}

/** Build a reusable detector for one configuration (precomputes everything series-independent). */
export function createDetector(config: DetectionConfig, frequency: number): Detector {
  const check = (series: SeriesInput, range: JudgedRange) => {
    const err = checkSeries(series, range);
    if (err) throw new RangeError(err);
  };
  switch (config.method) {
    case 'farrington-flexible': {
      const det = new FarringtonDetector(config.params, frequency);
      return (series, range) => {
        check(series, range);
        if (series.frequency !== frequency) throw new RangeError('series frequency differs from the detector');
        return det.run(series, range);
      };
    }
    case 'ears':
      return (series, range) => {
        check(series, range);
        return earsC(series, config.params, range);
      };
    case 'cusum':
      return (series, range) => {
        check(series, range);
        return cusum(series, config.params, range);
      };
  }
}

/**
 * Judge periods range.start..range.end (0-based, inclusive) of a series with the given method,
 * exactly as R's surveillance package does. Throws RangeError on an invalid series or range.
 */
export function detect(series: SeriesInput, config: DetectionConfig, range: JudgedRange): DetectionResult {
  return createDetector(config, series.frequency)(series, range);
}
