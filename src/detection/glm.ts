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
// Speed (this runs for every judged period of every series):
// - observations are addressed in place in the series' interleaved array, no copies;
// - the design is walked as runs of consecutive periods of one group, so the inner loops read
//   one array and keep their sums in registers (V8 re-checks every typed array per access);
// - time is measured from the judged period (t' = -lag), so intercepts are predictions;
// - one pass per IRLS step computes mu, the deviance and the next step's sums; per-observation
//   mu and weights are only materialised once, after the last step;
// - exp(a_g + beta t') is built by multiplying by exp(beta) along consecutive periods,
//   re-anchored with a fresh exp every 32 steps (drift ~1e-15), not one exp per observation;
// - without slope or offset, mu is constant within groups: steps after the first are O(groups).

/** R's .Machine$double.eps: the log link clamps exp(eta) at this value. */
export const DBL_EPS = 2.220446049250313e-16;
const LOG_DBL_EPS = Math.log(DBL_EPS);
/** glm.control() defaults. */
export const GLM_EPSILON = 1e-8;
export const GLM_MAXIT = 25;
const ANCHOR_EVERY = 32;

/** Outcome of one fit, as R would see it ('failed': R would stop with an error). */
export type FitStatus = 'converged' | 'not-converged' | 'failed';

/** Fields of one period in the interleaved series array (stride SERIES_STRIDE). */
const enum F {
  /** the count y */
  Y = 0,
  /** y log y - y (y log y = 0 for y = 0) */
  YLOGY_Y = 1,
  /** unit deviance residual at mu0 */
  DEV0 = 2,
  /** first IRLS step (R's mustart = y + 0.1): mu0 = linkinv(log(y + 0.1)) */
  MU0 = 3,
  /** first IRLS step: z0 = log(y + 0.1) + (y - mu0) / mu0 */
  Z0 = 4,
  /** y^(2/3), for Anscombe residuals */
  Y23 = 5,
  /** log(population), for populationOffset */
  LOGPOP = 6,
  /** exp(log(population)) */
  EXPLOGPOP = 7,
}
const SERIES_STRIDE = 8;

/** Per-count constants of the first IRLS step and the deviance. */
function countConstants(y: number, out: Float64Array, o: number): void {
  const eta = Math.log(y + 0.1);
  const mu0 = Math.max(Math.exp(eta), DBL_EPS);
  out[o + F.Y] = y;
  out[o + F.YLOGY_Y] = (y > 0 ? y * Math.log(y) : 0) - y;
  out[o + F.DEV0] = 2 * (y > 0 ? y * Math.log(y / mu0) - (y - mu0) : mu0);
  out[o + F.MU0] = mu0;
  out[o + F.Z0] = eta + (y - mu0) / mu0;
  out[o + F.Y23] = Math.pow(y, 2 / 3);
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
    d[o + F.LOGPOP] = lp;
    d[o + F.EXPLOGPOP] = Math.exp(lp);
  }
  return d;
}

/** log(population) of period ix as stored for the offset (-Infinity for a zero population). */
export function logPopulationAt(data: Float64Array, ix: number): number {
  return data[ix * SERIES_STRIDE + F.LOGPOP];
}

/** The count of period ix. */
export function countAt(data: Float64Array, ix: number): number {
  return data[ix * SERIES_STRIDE + F.Y];
}

/** State of one design (the plan's observations) plus preallocated buffers, reused per period. */
export class GlmWorkspace {
  /** Observations in the plan, sorted by increasing time. */
  readonly n: number;
  readonly groups: number;
  /** Time relative to the judged period (-lag). */
  readonly tt: Float64Array;
  /** Interleaved per-period data of the current series (see F). */
  data: Float64Array = new Float64Array(0);
  /** 0-based index of the judged period; observation i sits at base - lag[i]. */
  base = 0;
  /** First observation inside the series (earlier ones would precede period 0). */
  start = 0;
  hasOffset = false;
  // runs of consecutive periods within one group: observations runStart[r] .. runStart[r+1]-1
  private readonly runStart: Int32Array;
  private readonly runGroup: Int32Array;
  private readonly runs: number;
  /** Prior weights of a weighted fit (per observation). */
  readonly prior: Float64Array;
  /**
   * After a fit: fitted mean per observation (mu) and the mean the last least-squares step's
   * working weights came from (muPrev: its weight is prior * muPrev). Two buffers swapped per step.
   */
  mu: Float64Array;
  muPrev: Float64Array;
  /** sum p muPrev q^2 and sum p q^2 with q = (y - mu) / mu, over positive prior weights. */
  private pearsonW = 0;
  private pearsonP = 0;
  // group sums collected by a pass: [sum w, w t, w t^2, w z, w t z, sum p, sum p y, -] per group
  private readonly S: Float64Array;
  /** mu of each group: exp(a_g) (general path) or the fitted mean (grouped path). */
  private readonly muG: Float64Array;
  /** Grouped path: the group mu the last least-squares step used. */
  private readonly muGSolve: Float64Array;
  // solution of the last least-squares step
  readonly W: Float64Array;
  readonly tbar: Float64Array;
  private readonly zbar: Float64Array;
  /** Coefficients: each group's linear predictor at the judged period (no offset), and slope. */
  readonly a: Float64Array;
  private readonly aOld: Float64Array;
  beta = 0;
  private betaOld = 0;
  /** Within-group weighted sum of squares of t (the slope's X'WX after the intercepts). */
  stt = 0;
  trend = false;
  private grouped = false;
  private weighted = false;
  private lastSolveFirst = true;
  // scalar sums of the current fit
  private devConst = 0;
  private devold0 = 0;
  private nOk = 0;
  private pyt = 0;
  private pyo = 0;
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

  /** Point the workspace at a judged period (0-based) of the current series. */
  setPeriod(base: number): void {
    this.base = base;
    let s = 0;
    while (s < this.n && base - this.lag[s] < 0) s++;
    this.start = s;
  }

  /** The count of observation i. */
  yAt(i: number): number {
    return this.data[(this.base - this.lag[i]) * SERIES_STRIDE + F.Y];
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
    this.failure = '';
    const { a, aOld } = this;
    this.firstPass();
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
      let dev = this.grouped ? this.passGrouped(devConst) : this.passGeneral(devConst, pyt, pyo);
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
          dev = this.grouped ? this.passGrouped(devConst) : this.passGeneral(devConst, pyt, pyo);
        }
      }
      if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < GLM_EPSILON) {
        conv = true;
        break;
      }
      devold = dev;
      haveOld = true;
      if (this.grouped) for (let g = 0; g < G; g++) this.muGSolve[g] = this.muG[g];
      else {
        // this step's mu gives the next step's working weights
        const tmp = this.muPrev;
        this.muPrev = this.mu;
        this.mu = tmp;
      }
    }
    this.iterations = Math.min(iter, GLM_MAXIT);
    const dfr = this.nOk - this.rank;
    this.dfResidual = dfr;
    this.dispersion = NaN;
    if (needStats) {
      if (this.grouped) this.materialiseGrouped();
      else this.pearson();
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

  /** Constants of the fit and the first least-squares step's sums (mu = y + 0.1). */
  private firstPass(): void {
    const { runStart, runGroup, lag, S, prior, data, muPrev } = this;
    const weighted = this.weighted, hasOffset = this.hasOffset, base = this.base, start = this.start;
    S.fill(0);
    // unweighted fits use prior = 1, so the hot loops read prior without branching
    if (!weighted) prior.fill(1, start, this.n);
    let devConst = 0, devold = 0, nOk = 0, pyt = 0, pyo = 0;
    for (let r = 0; r < this.runs; r++) {
      const iEnd = runStart[r + 1];
      if (iEnd <= start) continue;
      const i0 = Math.max(runStart[r], start);
      const t0 = -lag[i0];
      let o = (base - lag[i0]) * SERIES_STRIDE;
      let sw = 0, swt = 0, swtt = 0, swz = 0, swtz = 0, sp = 0, spy = 0, cnt = 0;
      for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
        const p = prior[i];
        const yi = data[o + F.Y];
        devConst += p * data[o + F.YLOGY_Y];
        devold += p * data[o + F.DEV0];
        const py = p * yi;
        sp += p;
        spy += py;
        pyt += py * t;
        const mu0 = data[o + F.MU0];
        muPrev[i] = mu0; // the first step's weights come from mu0
        const w = p * mu0;
        let z = data[o + F.Z0];
        if (hasOffset) {
          pyo += py * data[o + F.LOGPOP];
          z -= data[o + F.LOGPOP];
        }
        const wt = w * t;
        sw += w; swt += wt; swtt += wt * t; swz += w * z; swtz += wt * z;
        cnt += p > 0 ? 1 : 0;
      }
      nOk += cnt;
      const k = runGroup[r] * 8;
      S[k] += sw; S[k + 1] += swt; S[k + 2] += swtt; S[k + 3] += swz; S[k + 4] += swtz;
      S[k + 5] += sp; S[k + 6] += spy;
    }
    this.devConst = devConst;
    this.devold0 = devold;
    this.nOk = nOk;
    this.pyt = pyt;
    this.pyo = pyo;
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

  /** Without slope and offset: mu per group, the deviance and the next step's sums, O(groups). */
  private passGrouped(devConst: number): number {
    const { a, S, muG } = this;
    let acc = 0;
    for (let g = 0; g < this.groups; g++) {
      const k = g * 8;
      const P = S[k + 5], PY = S[k + 6];
      let m = Math.exp(a[g]);
      let lm = a[g];
      if (!(m >= DBL_EPS)) {
        m = DBL_EPS;
        lm = LOG_DBL_EPS;
      }
      muG[g] = m;
      if (P > 0) acc += m * P - PY * lm;
      // sum p mu z with z = a + (y - mu) / mu is w a + sum p y - w
      const w = m * P;
      S[k] = w;
      S[k + 3] = w * a[g] + (PY - w);
    }
    return 2 * (devConst + acc);
  }

  /** mu = linkinv(X beta + offset), the deviance, and the next step's group sums. */
  private passGeneral(devConst: number, pyt: number, pyo: number): number {
    const G = this.groups;
    const { runStart, runGroup, lag, prior, a, muG, S, data, mu } = this;
    const hasOffset = this.hasOffset, base = this.base, start = this.start;
    const beta = this.beta;
    // sum p y log(mu) is linear in the coefficients while mu is not clamped
    let sumPyEta = beta * pyt + pyo;
    for (let g = 0; g < G; g++) {
      const k = g * 8;
      muG[g] = Math.exp(a[g]);
      sumPyEta += a[g] * S[k + 6];
      S[k] = 0; S[k + 1] = 0; S[k + 2] = 0; S[k + 3] = 0; S[k + 4] = 0;
    }
    const ratio = Math.exp(beta);
    // e = exp(beta t) by recurrence along the runs, re-anchored with a fresh exp at gaps and
    // once ANCHOR_EVERY multiplications have accumulated
    let sumPMu = 0, clampCorr = 0, e = 1, steps = ANCHOR_EVERY, nextT = NaN;
    for (let r = 0; r < this.runs; r++) {
      const iEnd = runStart[r + 1];
      if (iEnd <= start) continue;
      const i0 = Math.max(runStart[r], start);
      const g = runGroup[r];
      const ag = a[g], mg = muG[g];
      const t0 = -lag[i0];
      if (t0 !== nextT || steps >= ANCHOR_EVERY) {
        e = Math.exp(beta * t0);
        steps = 0;
      }
      steps += iEnd - i0;
      nextT = t0 + (iEnd - i0);
      let o = (base - lag[i0]) * SERIES_STRIDE;
      let sw = 0, swt = 0, swtt = 0, swz = 0, swtz = 0;
      if (!hasOffset) {
        // the hot loop: one data read, one prior read, one store, no exp
        for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
          let m = mg * e;
          e *= ratio;
          const yi = data[o];
          const p = prior[i];
          if (!(m >= DBL_EPS && m < Infinity)) {
            // a factor under- or overflowed, or mu is clamped: compute it exactly
            const eta = ag + beta * t;
            m = Math.exp(eta);
            if (!(m >= DBL_EPS)) {
              m = DBL_EPS;
              clampCorr += p * yi * (eta - LOG_DBL_EPS);
            }
          }
          mu[i] = m;
          const w = p * m;
          sumPMu += w;
          // z = eta + (y - mu) / mu.eta
          const z = ag + beta * t + (yi - m) / m;
          const wt = w * t;
          sw += w; swt += wt; swtt += wt * t; swz += w * z; swtz += wt * z;
        }
      } else {
        for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
          let m = mg * e * data[o + F.EXPLOGPOP];
          e *= ratio;
          const yi = data[o];
          const p = prior[i];
          if (!(m >= DBL_EPS && m < Infinity)) {
            const eta = ag + beta * t + data[o + F.LOGPOP];
            m = Math.exp(eta);
            if (!(m >= DBL_EPS)) {
              m = DBL_EPS;
              clampCorr += p * yi * (eta - LOG_DBL_EPS);
            }
          }
          mu[i] = m;
          const w = p * m;
          sumPMu += w;
          // z = (eta - offset) + (y - mu) / mu.eta
          const z = ag + beta * t + (yi - m) / m;
          const wt = w * t;
          sw += w; swt += wt; swtt += wt * t; swz += w * z; swtz += wt * z;
        }
      }
      const k = g * 8;
      S[k] += sw; S[k + 1] += swt; S[k + 2] += swtt; S[k + 3] += swz; S[k + 4] += swtz;
    }
    return 2 * (devConst + sumPMu - (sumPyEta - clampCorr));
  }

  /** Pearson sums of the fitted model from the mu / muPrev buffers. */
  private pearson(): void {
    const { lag, prior, mu, muPrev, data } = this;
    const base = this.base;
    let pearsonW = 0, pearsonP = 0;
    for (let i = this.start; i < this.n; i++) {
      const m = mu[i];
      const q = (data[(base - lag[i]) * SERIES_STRIDE + F.Y] - m) / m;
      const pq2 = prior[i] * q * q;
      pearsonP += pq2;
      pearsonW += pq2 * muPrev[i];
    }
    this.pearsonW = pearsonW;
    this.pearsonP = pearsonP;
  }

  /** Grouped path: per-observation mu and muPrev from the group means, and the Pearson sums. */
  private materialiseGrouped(): void {
    const { runStart, runGroup, lag, prior, mu, muPrev, muG, muGSolve, data } = this;
    const base = this.base, start = this.start, first = this.lastSolveFirst;
    let pearsonW = 0, pearsonP = 0;
    for (let r = 0; r < this.runs; r++) {
      const iEnd = runStart[r + 1];
      if (iEnd <= start) continue;
      const i0 = Math.max(runStart[r], start);
      const g = runGroup[r];
      const m = muG[g], mPrev = muGSolve[g];
      let o = (base - lag[i0]) * SERIES_STRIDE;
      for (let i = i0; i < iEnd; i++, o += SERIES_STRIDE) {
        const p = prior[i];
        const mp = first ? data[o + F.MU0] : mPrev;
        mu[i] = m;
        muPrev[i] = mp;
        const q = (data[o + F.Y] - m) / m;
        const pq2 = p * q * q;
        pearsonP += pq2;
        pearsonW += pq2 * mp;
      }
    }
    this.pearsonW = pearsonW;
    this.pearsonP = pearsonP;
  }

  /**
   * Farrington's reweighting (surveillance:::anscombe.residuals + algo.farrington.assign.weights)
   * from the current unweighted fit: writes the new prior weights; false if a residual is NaN.
   */
  anscombeWeights(phi: number, threshold: number): boolean {
    const { runStart, runGroup, lag, prior, mu, muPrev, tbar, W, a, muG, data } = this;
    const base = this.base, trend = this.trend, stt = this.stt, start = this.start, beta = this.beta;
    // mu^(-1/6): per group without slope; with a slope (no offset) exp(-eta/6) follows the same
    // recurrence as mu; otherwise (offset) cbrt(sqrt(mu)). Math.pow is slow in V8.
    const grouped = this.grouped, recur = trend && !this.hasOffset;
    const ratio6 = Math.exp(-beta / 6);
    let denom = 0, e6 = 1, steps = ANCHOR_EVERY, nextT = NaN;
    for (let r = 0; r < this.runs; r++) {
      const iEnd = runStart[r + 1];
      if (iEnd <= start) continue;
      const i0 = Math.max(runStart[r], start);
      const g = runGroup[r];
      const invW = 1 / W[g], tb = tbar[g];
      const c6 = grouped ? 1 / Math.cbrt(Math.sqrt(muG[g])) : recur ? Math.exp(-a[g] / 6) : 0;
      const t0 = -lag[i0];
      let o = (base - lag[i0]) * SERIES_STRIDE;
      if (t0 !== nextT) steps = ANCHOR_EVERY;
      for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
        const m = mu[i];
        let m16inv: number;
        if (grouped) m16inv = c6;
        else if (recur) {
          if (steps === ANCHOR_EVERY) {
            e6 = Math.exp((-beta * t) / 6);
            steps = 0;
          } else {
            e6 *= ratio6;
            steps++;
          }
          // a clamped mu is not exp(eta): use it as R does
          m16inv = m > DBL_EPS ? c6 * e6 : 1 / Math.cbrt(Math.sqrt(m));
        } else m16inv = 1 / Math.cbrt(Math.sqrt(m));
        let h = invW;
        if (trend) {
          const d = t - tb;
          h += (d * d) / stt;
        }
        h *= muPrev[i]; // unweighted fit: the working weight is muPrev
        if (h > 1 - 10 * DBL_EPS) h = 1;
        const sres = (1.5 * (data[o + F.Y23] * m16inv - Math.sqrt(m))) / Math.sqrt(phi * (1 - h));
        if (Number.isNaN(sres)) return false;
        prior[i] = sres; // holds s until gamma is known
        denom += sres > threshold ? 1 / (sres * sres) : 1;
      }
      nextT = t0 + (iEnd - i0);
    }
    const gamma = (this.n - start) / denom;
    for (let i = start; i < this.n; i++) {
      const sres = prior[i];
      prior[i] = sres > threshold ? gamma / (sres * sres) : gamma;
    }
    return true;
  }
}
