// Distribution functions with R's conventions, built on @stdlib special functions.
// The discrete quantiles apply the same left-continuity fuzz as R (>= 4.2, qDiscrete_search.h):
// R returns the smallest x with F(x) >= p * (1 - 8 * DBL_EPSILON); we measured that factor
// against R 4.2.2 by bisecting lambda so that ppois(x, lambda) falls just below p.
import nbinomQuantile from '@stdlib/stats-base-dists-negative-binomial-quantile';
import poissonQuantile from '@stdlib/stats-base-dists-poisson-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

const DISCRETE_FUZZ = 1 - 8 * Number.EPSILON;

/** R's qnorm(p, mean, sd) (lower tail). */
export function qnorm(p: number, mean = 0, sd = 1): number {
  return normalQuantile(p, mean, sd);
}

/** R's pt(q, df) (lower tail). */
export function pt(q: number, df: number): number {
  return tCdf(q, df);
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

/** R's qnbinom(p, size, prob) (lower tail): failures before `size` successes. */
export function qnbinom(p: number, size: number, prob: number): number {
  if (Number.isNaN(p) || Number.isNaN(size) || Number.isNaN(prob)) return NaN;
  if (prob <= 0 || prob > 1 || size < 0 || p < 0 || p > 1) return NaN;
  // R: a distribution concentrated at zero
  if (prob === 1 || size === 0) return 0;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  if (!Number.isFinite(size)) return NaN;
  return nbinomQuantile(p * DISCRETE_FUZZ, size, prob);
}
