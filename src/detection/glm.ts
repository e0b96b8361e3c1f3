// Quasi-Poisson log-link GLM fitted by IRLS, replicating R's glm.fit step by step.
//
// Farrington's designs are always "one intercept per seasonal group (+ one common time slope)
// (+ an offset)". For that design the weighted least-squares step of IRLS has a closed form
// (group means give the intercepts, within-group centring gives the slope): the same solution
// R's QR (Cdqrls) computes, with no matrix work. Everything else follows glm.fit: start at
// mu = y + 0.1, working weights from the previous iterate, stop when
// |dev - devold| / (|dev| + 0.1) < 1e-8 or after 25 steps, and keep the weights of the LAST
// least-squares step (computed from the penultimate mu): summary.glm, predict.glm and
// hatvalues use those.
//
// Speed (this runs for every judged period of every series; the passes are in glm-passes.ts,
// what a fit leaves per observation in glm-results.ts):
// - observations are addressed in place in the series' interleaved array (series.ts), no copies;
// - the design is walked as runs of consecutive periods of one group, so the inner loops read
//   at most one array and keep their sums in registers (V8 re-checks typed arrays per access);
// - time is measured from the judged period (t' = -lag), so intercepts are predictions;
// - an unweighted first step comes from prefix sums over the series, O(runs);
// - each later step is one pass that needs only sum w, w t, w t^2 per group (the z-sums follow
//   algebraically); per-observation mu and weights are materialised once, after the last step;
// - exp(a_g + beta t') is built by multiplying by exp(beta) along consecutive periods,
//   re-anchored with a fresh exp every 32 steps (drift ~1e-15), not one exp per observation;
// - without slope or offset, mu is constant within groups: steps after the first are O(groups).

import { buildPrefix, DBL_EPS, F_Y, SERIES_STRIDE } from './series';
import { firstPass, passGeneral, passGrouped } from './glm-passes';
import { materialise, materialiseGrouped } from './glm-results';

export { DBL_EPS } from './series';
/** glm.control() defaults. */
export const GLM_EPSILON = 1e-8;
export const GLM_MAXIT = 25;

/** Outcome of one fit, as R would see it ('failed': R would stop with an error). */
export type FitStatus = 'converged' | 'not-converged' | 'failed';

/**
 * State of one design (the plan's observations) plus preallocated buffers, reused per period.
 * Fields are public for glm-passes.ts and glm-results.ts; outside those, treat them as read-only.
 */
export class GlmWorkspace {
  /** Observations in the plan, sorted by increasing time. */
  readonly n: number;
  readonly groups: number;
  /** Time relative to the judged period (-lag). */
  readonly tt: Float64Array;
  /** Interleaved per-period data of the current series (see series.ts); set with setSeries. */
  data: Float64Array = new Float64Array(0);
  /** Prefix sums over the series (buildPrefix) for unweighted, offset-free first steps. */
  prefix: Float64Array = new Float64Array(0);
  origin = 0;
  /** 0-based index of the judged period; observation i sits at base - lag[i]. */
  base = 0;
  /** First observation inside the series (earlier ones would precede period 0). */
  start = 0;
  hasOffset = false;
  // runs of consecutive periods within one group: observations runStart[r] .. runStart[r+1]-1
  readonly runStart: Int32Array;
  readonly runGroup: Int32Array;
  readonly runs: number;
  /** Prior weights of a weighted fit (per observation). */
  readonly prior: Float64Array;
  /**
   * After a fit with stats: fitted mean per observation (mu) and the mean the last least-squares
   * step's working weights came from (muPrev: its weight is prior * muPrev).
   */
  readonly mu: Float64Array;
  readonly muPrev: Float64Array;
  /** sum p muPrev q^2 and sum p q^2 with q = (y - mu) / mu, over positive prior weights. */
  pearsonW = 0;
  pearsonP = 0;
  // group sums collected by a pass: [sum w, w t, w t^2, w z, w t z, sum p, sum p y, sum p y t] per group
  readonly S: Float64Array;
  /** mu of each group: exp(a_g) (general path) or the fitted mean (grouped path). */
  readonly muG: Float64Array;
  /** Grouped path: the group mu the last least-squares step used. */
  readonly muGSolve: Float64Array;
  // solution of the last least-squares step
  readonly W: Float64Array;
  readonly tbar: Float64Array;
  readonly zbar: Float64Array;
  /** Coefficients: each group's linear predictor at the judged period (no offset), and slope. */
  readonly a: Float64Array;
  readonly aOld: Float64Array;
  beta = 0;
  betaOld = 0;
  /** Within-group weighted sum of squares of t (the slope's X'WX after the intercepts). */
  stt = 0;
  trend = false;
  grouped = false;
  weighted = false;
  needStats = true;
  lastSolveFirst = true;
  // scalar sums of the current fit
  devConst = 0;
  devold0 = 0;
  nOk = 0;
  pyt = 0;
  pyo = 0;
  status: FitStatus = 'failed';
  iterations = 0;
  /** summary.glm()$dispersion (NaN when there are no residual degrees of freedom). */
  dispersion = NaN;
  dfResidual = 0;
  rank = 0;
  /** Why a fit failed (R would have stopped with an error). */
  failure = '';

  constructor(readonly lag: Int32Array, readonly group: Int32Array, groupCount: number) {
    const n = lag.length;
    this.n = n;
    this.groups = groupCount;
    this.tt = Float64Array.from(lag, (l) => -l);
    const starts: number[] = [], rg: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 0 || group[i] !== group[i - 1] || lag[i] !== lag[i - 1] - 1) {
        starts.push(i);
        rg.push(group[i]);
      }
    }
    starts.push(n);
    this.runStart = Int32Array.from(starts);
    this.runGroup = Int32Array.from(rg);
    this.runs = rg.length;
    const f = () => new Float64Array(Math.max(1, n));
    this.prior = f(); this.mu = f(); this.muPrev = f();
    const G = Math.max(1, groupCount);
    const g = () => new Float64Array(G);
    this.S = new Float64Array(8 * G);
    this.muG = g(); this.muGSolve = g();
    this.W = g(); this.tbar = g(); this.zbar = g(); this.a = g(); this.aOld = g();
  }

  /** Use a series (from buildGlmSeries); origin: a period near the judged ones (keeps sums small). */
  setSeries(data: Float64Array, origin: number): void {
    this.data = data;
    this.origin = origin;
    this.prefix = buildPrefix(data, origin, this.prefix);
  }

  /** Point the workspace at a judged period (0-based) of the current series. */
  setPeriod(base: number): void {
    this.base = base;
    let s = 0;
    while (s < this.n && base - this.lag[s] < 0) s++;
    this.start = s;
  }

  /** The count of observation i. */
  yAt(i: number): number {
    return this.data[(this.base - this.lag[i]) * SERIES_STRIDE + F_Y];
  }

  /** Whether every observation of the design is a zero count. */
  responsesAllZero(): boolean {
    for (let i = this.start; i < this.n; i++) if (this.yAt(i) !== 0) return false;
    return true;
  }

  /** Largest count among the observations. */
  maxResponse(): number {
    let m = -Infinity;
    for (let i = this.start; i < this.n; i++) m = Math.max(m, this.yAt(i));
    return m;
  }

  /** Whether group g carried weight in the last least-squares step (else R aliases it). */
  groupPresent(g: number): boolean {
    return this.W[g] > 0;
  }

  /** x0' (X'WX)^-1 x0 at the judged period in group g: predict.lm's unscaled variance. */
  unscaledVarianceNow(g: number): number {
    let v = 1 / this.W[g];
    if (this.trend) v += (this.tbar[g] * this.tbar[g]) / this.stt;
    return v;
  }

  /** Leverage of observation i (lm.influence()$hat, forced to 1 within 10 eps as R does). */
  hat(i: number): number {
    const g = this.group[i];
    let h = 1 / this.W[g];
    if (this.trend) {
      const d = this.tt[i] - this.tbar[g];
      h += (d * d) / this.stt;
    }
    h *= this.prior[i] * this.muPrev[i];
    return h > 1 - 10 * DBL_EPS ? 1 : h;
  }

  /**
   * Fit the quasi-Poisson GLM (group intercepts [+ slope] [+ offset]) exactly as glm.fit does,
   * with prior weights `this.prior` when weighted. needStats=false only decides convergence
   * (no dispersion, no per-observation mu/weights).
   */
  fit(trend: boolean, weighted: boolean, needStats = true): FitStatus {
    const G = this.groups;
    this.trend = trend;
    this.weighted = weighted;
    this.grouped = !trend && !this.hasOffset;
    this.needStats = needStats;
    this.failure = '';
    const { a, aOld } = this;
    firstPass(this);
    const { devConst, pyt, pyo } = this;
    let devold = this.devold0;
    let haveOld = false, conv = false, first = true;
    let iter: number;
    for (iter = 1; iter <= GLM_MAXIT; iter++) {
      if (haveOld) {
        for (let g = 0; g < G; g++) aOld[g] = a[g];
        this.betaOld = this.beta;
      }
      if (!this.solve(trend)) {
        this.failure = 'the time trend is not estimable (time is constant within every group)';
        return (this.status = 'failed');
      }
      this.lastSolveFirst = first;
      first = false;
      let finite = Number.isFinite(this.beta);
      for (let g = 0; g < G; g++) if (!Number.isFinite(a[g])) finite = false;
      if (!finite) break; // glm.fit: "non-finite coefficients" -> not converged
      let dev = this.grouped ? passGrouped(this, devConst) : passGeneral(this, devConst, pyt, pyo);
      if (!Number.isFinite(dev)) {
        if (!haveOld) {
          this.failure = 'no valid set of coefficients has been found';
          return (this.status = 'failed');
        }
        // glm.fit: halve the step towards the previous coefficients until the deviance is finite
        for (let ii = 1; !Number.isFinite(dev); ii++) {
          if (ii > GLM_MAXIT) {
            this.failure = 'inner loop 1; cannot correct step size';
            return (this.status = 'failed');
          }
          for (let g = 0; g < G; g++) a[g] = (a[g] + aOld[g]) / 2;
          this.beta = (this.beta + this.betaOld) / 2;
          dev = this.grouped ? passGrouped(this, devConst) : passGeneral(this, devConst, pyt, pyo);
        }
      }
      if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < GLM_EPSILON) {
        conv = true;
        break;
      }
      devold = dev;
      haveOld = true;
      if (this.grouped) for (let g = 0; g < G; g++) this.muGSolve[g] = this.muG[g];
    }
    this.iterations = Math.min(iter, GLM_MAXIT);
    const dfr = this.nOk - this.rank;
    this.dfResidual = dfr;
    this.dispersion = NaN;
    if (needStats) {
      if (this.grouped) materialiseGrouped(this);
      else materialise(this);
      if (dfr > 0) this.dispersion = this.pearsonW / dfr;
    }
    return (this.status = conv ? 'converged' : 'not-converged');
  }

  /**
   * sum(prior * working residual^2) / df.residual: what summary.glm reports once the model's
   * working weights have been replaced by the prior weights (see fitGLM.flexible).
   */
  priorWeightedDispersion(): number {
    return this.pearsonP / this.dfResidual;
  }

  /** Least-squares solution from the collected group sums; false if the slope is aliased. */
  private solve(trend: boolean): boolean {
    const G = this.groups;
    const { S, W, tbar, zbar, a } = this;
    let rank = 0, stt = 0, stz = 0, s2all = 0;
    for (let g = 0; g < G; g++) {
      const k = g * 8;
      const w = S[k];
      W[g] = w;
      if (w > 0) {
        rank++;
        tbar[g] = S[k + 1] / w;
        zbar[g] = S[k + 3] / w;
        if (trend) {
          // within-group centred sums: sum w (t - tbar)^2 and sum w (t - tbar) (z - zbar)
          stt += S[k + 2] - S[k + 1] * tbar[g];
          stz += S[k + 4] - S[k + 1] * zbar[g];
          s2all += S[k + 2];
        }
      } else {
        tbar[g] = 0;
        zbar[g] = 0;
      }
    }
    let beta = 0;
    if (trend) {
      // Cdqrls (tolerance 1e-11 on column norms) would declare the time column aliased
      if (!(stt > 1e-22 * s2all)) return false;
      this.stt = stt;
      beta = stz / stt;
      rank++;
    }
    this.rank = rank;
    this.beta = beta;
    for (let g = 0; g < G; g++) a[g] = W[g] > 0 ? zbar[g] - beta * tbar[g] : 0;
    return true;
  }
}
