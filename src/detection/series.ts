// Per-series arrays read by the GLM: one interleaved Float64Array per series (a stride of 8
// values per period) so that the hot loops touch a single typed array, plus prefix sums.

/** R's .Machine$double.eps: the log link clamps exp(eta) at this value. */
export const DBL_EPS = 2.220446049250313e-16;

/** Values per period in the series array, and their offsets. */
export const SERIES_STRIDE = 8;
/** the count y */
export const F_Y = 0;
/** y log y - y (y log y = 0 for y = 0) */
export const F_YLOGY_Y = 1;
/** unit deviance residual at mu0 */
export const F_DEV0 = 2;
/** first IRLS step (R's mustart = y + 0.1): mu0 = linkinv(log(y + 0.1)) */
export const F_MU0 = 3;
/** first IRLS step: z0 = log(y + 0.1) + (y - mu0) / mu0 */
export const F_Z0 = 4;
/** y^(2/3), for Anscombe residuals */
export const F_Y23 = 5;
/** log(population), for populationOffset (-Infinity for a zero population) */
export const F_LOGPOP = 6;
/** exp(log(population)) */
export const F_EXPLOGPOP = 7;

/** Values per period in the prefix-sum array. */
export const PREFIX_STRIDE = 9;

/** Per-count constants of the first IRLS step and the deviance. */
function countConstants(y: number, out: Float64Array, o: number): void {
  const eta = Math.log(y + 0.1);
  const mu0 = Math.max(Math.exp(eta), DBL_EPS);
  out[o + F_Y] = y;
  out[o + F_YLOGY_Y] = (y > 0 ? y * Math.log(y) : 0) - y;
  out[o + F_DEV0] = 2 * (y > 0 ? y * Math.log(y / mu0) - (y - mu0) : mu0);
  out[o + F_MU0] = mu0;
  out[o + F_Z0] = eta + (y - mu0) / mu0;
  out[o + F_Y23] = Math.pow(y, 2 / 3);
}

// constants of small integer counts, shared by all series (counts are mostly small integers)
const TABLE_SIZE = 4096;
const table = new Float64Array(TABLE_SIZE * SERIES_STRIDE);
const tableFilled = new Uint8Array(TABLE_SIZE);

/** The interleaved per-period array a GlmWorkspace reads, for one series. */
export function buildGlmSeries(counts: ArrayLike<number>, population: ArrayLike<number> | null | undefined, withOffset: boolean): Float64Array {
  const N = counts.length;
  const d = new Float64Array(N * SERIES_STRIDE);
  for (let i = 0; i < N; i++) {
    const y = counts[i];
    const o = i * SERIES_STRIDE;
    if (Number.isInteger(y) && y < TABLE_SIZE) {
      if (!tableFilled[y]) {
        countConstants(y, table, y * SERIES_STRIDE);
        tableFilled[y] = 1;
      }
      for (let k = 0; k < 6; k++) d[o + k] = table[y * SERIES_STRIDE + k];
    } else {
      countConstants(y, d, o);
    }
    const lp = withOffset && population ? Math.log(population[i]) : 0;
    d[o + F_LOGPOP] = lp;
    d[o + F_EXPLOGPOP] = Math.exp(lp);
  }
  return d;
}

/**
 * Prefix sums for unweighted, offset-free first IRLS steps (stride PREFIX_STRIDE): y, ylogy - y,
 * dev0, mu0, mu0 z0, mu0 c, mu0 c^2, mu0 z0 c, y c with c = period - origin (origin near the
 * judged periods keeps the sums small). A run of periods then costs O(1), not O(length).
 */
export function buildPrefix(data: Float64Array, origin: number, out: Float64Array): Float64Array {
  const N = data.length / SERIES_STRIDE;
  const K = PREFIX_STRIDE;
  const P = out.length >= (N + 1) * K ? out : new Float64Array((N + 1) * K);
  for (let k = 0; k < K; k++) P[k] = 0;
  for (let u = 0, o = 0, q = 0; u < N; u++, o += SERIES_STRIDE, q += K) {
    const c = u - origin;
    const y = data[o + F_Y], mu0 = data[o + F_MU0], mz = mu0 * data[o + F_Z0];
    P[q + K] = P[q] + y;
    P[q + K + 1] = P[q + 1] + data[o + F_YLOGY_Y];
    P[q + K + 2] = P[q + 2] + data[o + F_DEV0];
    P[q + K + 3] = P[q + 3] + mu0;
    P[q + K + 4] = P[q + 4] + mz;
    P[q + K + 5] = P[q + 5] + mu0 * c;
    P[q + K + 6] = P[q + 6] + mu0 * c * c;
    P[q + K + 7] = P[q + 7] + mz * c;
    P[q + K + 8] = P[q + 8] + y * c;
  }
  return P;
}

/** log(population) of period ix as stored for the offset (-Infinity for a zero population). */
export function logPopulationAt(data: Float64Array, ix: number): number {
  return data[ix * SERIES_STRIDE + F_LOGPOP];
}

/** The count of period ix. */
export function countAt(data: Float64Array, ix: number): number {
  return data[ix * SERIES_STRIDE + F_Y];
}
