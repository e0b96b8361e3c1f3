// Upper bounds of farringtonFlexible: surveillance:::algo.farrington.threshold.farrington
// ("delta") and surveillance:::algo.farrington.threshold.noufaily ("nbPlugin", "muan").
import { qnbinom, qpois } from './quantiles';

export interface Threshold {
  /** NaN where R has NA. */
  upper: number;
  /** (y - fit) / (upper - fit): an alarm needs score > 1. NaN where R has NA. */
  score: number;
}

/**
 * Farrington (1996) delta-method bound on a power-transformed scale.
 * mu0 and seMu0 are predict.glm(type = "response") fit and se.fit; z = qnorm(1 - alpha).
 */
export function thresholdDelta(
  mu0: number,
  seMu0: number,
  phi: number,
  powertrans: '2/3' | '1/2' | 'none',
  z: number,
  y: number,
): Threshold {
  const tau = phi + (seMu0 * seMu0) / mu0;
  let se: number, exponent: number;
  if (powertrans === 'none') {
    se = Math.sqrt(mu0 * tau);
    exponent = 1;
  } else if (powertrans === '1/2') {
    se = Math.sqrt((1 / 4) * tau);
    exponent = 1 / 2;
  } else {
    se = Math.sqrt((4 / 9) * Math.pow(mu0, 1 / 3) * tau);
    exponent = 2 / 3;
  }
  const base = Math.pow(mu0, exponent);
  const inv = 1 / exponent;
  const lo = Math.pow(base - z * se, inv);
  const hi = Math.pow(base + z * se, inv);
  // R: sort(c(lo, hi), na.last = FALSE)[2]: NaNs sort first, so take the larger non-NaN value
  let upper: number;
  if (Number.isNaN(lo)) upper = hi;
  else if (Number.isNaN(hi)) upper = lo;
  else upper = Math.max(lo, hi);
  const score = Number.isNaN(upper) ? NaN : (y - mu0) / (upper - mu0);
  return { upper, score };
}

/**
 * Noufaily (2013) negative-binomial plug-in bound ("nbPlugin") or its variant with the
 * (1 - alpha) quantile of the mean ("muan"). eta0 and seEta0 are on the link scale.
 * Returns null where R itself would stop with an error (NaN mean or dispersion).
 */
export function thresholdNoufaily(
  eta0: number,
  seEta0: number,
  phi: number,
  method: 'nbPlugin' | 'muan',
  alpha: number,
  z: number,
  y: number,
): Threshold | null {
  const mu0Quantile = method === 'nbPlugin' ? Math.exp(eta0) : Math.exp(eta0 + seEta0 * z);
  if (Number.isNaN(mu0Quantile) || Number.isNaN(phi)) return null;
  let upper: number;
  if (mu0Quantile === Infinity) upper = NaN;
  else if (phi > 1) upper = qnbinom(1 - alpha, mu0Quantile / (phi - 1), 1 / phi);
  else upper = qpois(1 - alpha, mu0Quantile);
  // R divides by (upper - predFit) with predFit on the link scale; kept as is
  const score = Number.isNaN(upper) ? NaN : (y - eta0) / (upper - eta0);
  return { upper, score };
}
