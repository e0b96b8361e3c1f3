// Distribution functions with R's conventions, built on @stdlib special functions.
// The discrete quantiles apply the same left-continuity fuzz as R (>= 4.2, qDiscrete_search.h):
// R returns the smallest x with F(x) >= p * (1 - 8 * DBL_EPSILON); we measured that factor
// against R 4.2.2 by bisecting lambda so that ppois(x, lambda) falls just below p.
import nbinomCdf from '@stdlib/stats-base-dists-negative-binomial-cdf';
import poissonQuantile from '@stdlib/stats-base-dists-poisson-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

const DISCRETE_FUZZ = 1 - 8 * Number.EPSILON;

/** R's qnorm(p, mean, sd) (lower tail). */
export function qnorm(p: number, mean = 0, sd = 1): number {
  return normalQuantile(p, mean, sd);
}

/** R's pt(q, df) (lower tail). */
export function pt(q: number, df: number): number {
  return tCdf(q, df);
}

/** R's qt(p, df) (lower tail). */
export function qt(p: number, df: number): number {
  return tQuantile(p, df);
}

/**
 * Whether R's two-sided t-test p-value 2 * pt(-|t|, df) is below `threshold`. Decided from a
 * cached critical value qt(1 - threshold / 2, df) (one CDF evaluation saved per call); within
 * 1e-9 of the critical value the p-value itself is computed, so the answer is pt's.
 */
export class TwoSidedTTest {
  private readonly critical = new Map<number, number>();

  constructor(readonly threshold: number) {}

  /** 2 * pt(-|t|, df) < threshold. */
  below(t: number, df: number): boolean {
    if (Number.isNaN(t) || !(this.threshold > 0)) return 2 * pt(-Math.abs(t), df) < this.threshold;
    // a threshold >= 1 (e.g. 1: "always keep a fitted trend") is passed by every p < 1, i.e. by
    // any t not within rounding of 0
    if (this.threshold >= 1) return Math.abs(t) > 1e-6 || 2 * pt(-Math.abs(t), df) < this.threshold;
    let c = this.critical.get(df);
    if (c === undefined) {
      c = qt(1 - this.threshold / 2, df);
      this.critical.set(df, c);
    }
    const a = Math.abs(t);
    if (Math.abs(a - c) <= 1e-9 * c) return 2 * pt(-a, df) < this.threshold;
    return a > c;
  }
}

/** R's qpois(p, lambda) (lower tail), including R's fuzz and its lambda == 0 answer. */
export function qpois(p: number, lambda: number): number {
  if (Number.isNaN(p) || Number.isNaN(lambda) || lambda < 0 || p < 0 || p > 1) return NaN;
  if (lambda === 0) return 0;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  if (!Number.isFinite(lambda)) return NaN;
  return poissonQuantile(p * DISCRETE_FUZZ, lambda);
}

/**
 * R's qnbinom(p, size, prob) (lower tail): failures before `size` successes. The smallest y with
 * F(y) >= p (1 - 8 eps), searched from R's own Cornish-Fisher start (with the negative
 * binomial's skewness, which @stdlib's quantile does not use: it needs more CDF steps), with
 * @stdlib's CDF (regularised incomplete beta).
 */
export function qnbinom(p: number, size: number, prob: number): number {
  if (Number.isNaN(p) || Number.isNaN(size) || Number.isNaN(prob)) return NaN;
  if (prob <= 0 || prob > 1 || size < 0 || p < 0 || p > 1) return NaN;
  // R: a distribution concentrated at zero
  if (prob === 1 || size === 0) return 0;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  if (!Number.isFinite(size)) return NaN;
  const Q = 1 / prob, P = (1 - prob) * Q;
  const mu = size * P, sigma = Math.sqrt(size * P * Q), gamma = (Q + P) / sigma;
  const z = normalQuantile(p, 0, 1);
  let y = Math.round(mu + sigma * (z + (gamma * (z * z - 1)) / 6));
  if (!(y >= 0)) y = 0;
  const target = p * DISCRETE_FUZZ;
  if (nbinomCdf(y, size, prob) >= target) {
    while (y > 0 && nbinomCdf(y - 1, size, prob) >= target) y--;
  } else {
    // bounded, in case the CDF could not reach the target in floating point
    const limit = y + 1000 + 100 * sigma;
    do y++;
    while (nbinomCdf(y, size, prob) < target && y < limit);
  }
  return y;
}
