// What a fit leaves behind, per observation: fitted means, the means behind the last step's
// working weights, the Pearson sums (dispersion), and Farrington's Anscombe-residual weights.
import { DBL_EPS, F_EXPLOGPOP, F_LOGPOP, F_MU0, F_Y, F_Y23, SERIES_STRIDE } from './series';
import type { GlmWorkspace } from './glm';
import { ANCHOR_EVERY } from './glm-passes';

/**
 * Per-observation mu (final coefficients) and muPrev (the mean behind the last step's working
 * weights: mu0 after one step, else the previous coefficients'), by the same recurrence, and
 * the Pearson sums with q = (y - mu) / mu: sum p muPrev q^2 (dispersion) and sum p q^2.
 */
export function materialise(ws: GlmWorkspace): void {
  const { runStart, runGroup, lag, prior, mu, muPrev, a, aOld, data } = ws;
  const base = ws.base, start = ws.start, first = ws.lastSolveFirst, hasOffset = ws.hasOffset;
  const beta = ws.beta, betaOld = ws.betaOld;
  const ratio = Math.exp(beta), ratioOld = Math.exp(betaOld);
  let e = 1, eOld = 1, steps = ANCHOR_EVERY, nextT = NaN, pearsonW = 0, pearsonP = 0;
  for (let r = 0; r < ws.runs; r++) {
    const iEnd = runStart[r + 1];
    if (iEnd <= start) continue;
    const i0 = Math.max(runStart[r], start);
    const g = runGroup[r];
    const ag = a[g], agOld = aOld[g];
    const mg = Math.exp(ag), mgOld = Math.exp(agOld);
    const t0 = -lag[i0];
    if (t0 !== nextT || steps >= ANCHOR_EVERY) {
      e = Math.exp(beta * t0);
      eOld = Math.exp(betaOld * t0);
      steps = 0;
    }
    steps += iEnd - i0;
    nextT = t0 + (iEnd - i0);
    let o = (base - lag[i0]) * SERIES_STRIDE;
    if (!hasOffset && !first) {
      for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
        let m = mg * e;
        let mp = mgOld * eOld;
        e *= ratio;
        eOld *= ratioOld;
        if (!(m >= DBL_EPS && m < Infinity)) m = Math.max(Math.exp(ag + beta * t), DBL_EPS);
        if (!(mp >= DBL_EPS && mp < Infinity)) mp = Math.max(Math.exp(agOld + betaOld * t), DBL_EPS);
        mu[i] = m;
        muPrev[i] = mp;
        const q = (data[o + F_Y] - m) / m;
        const pq2 = prior[i] * q * q;
        pearsonP += pq2;
        pearsonW += pq2 * mp;
      }
      continue;
    }
    for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
      const off = hasOffset ? data[o + F_EXPLOGPOP] : 1;
      let m = mg * e * off;
      if (!(m >= DBL_EPS && m < Infinity)) m = Math.max(Math.exp(ag + beta * t + (hasOffset ? data[o + F_LOGPOP] : 0)), DBL_EPS);
      let mp: number;
      if (first) mp = data[o + F_MU0];
      else {
        mp = mgOld * eOld * off;
        if (!(mp >= DBL_EPS && mp < Infinity)) mp = Math.max(Math.exp(agOld + betaOld * t + (hasOffset ? data[o + F_LOGPOP] : 0)), DBL_EPS);
      }
      mu[i] = m;
      muPrev[i] = mp;
      e *= ratio;
      eOld *= ratioOld;
      const q = (data[o + F_Y] - m) / m;
      const pq2 = prior[i] * q * q;
      pearsonP += pq2;
      pearsonW += pq2 * mp;
    }
  }
  ws.pearsonW = pearsonW;
  ws.pearsonP = pearsonP;
}

/** Grouped path: per-observation mu and muPrev from the group means, and the Pearson sums. */
export function materialiseGrouped(ws: GlmWorkspace): void {
  const { runStart, runGroup, lag, prior, mu, muPrev, muG, muGSolve, data } = ws;
  const base = ws.base, start = ws.start, first = ws.lastSolveFirst;
  let pearsonW = 0, pearsonP = 0;
  for (let r = 0; r < ws.runs; r++) {
    const iEnd = runStart[r + 1];
    if (iEnd <= start) continue;
    const i0 = Math.max(runStart[r], start);
    const g = runGroup[r];
    const m = muG[g], mPrev = muGSolve[g];
    let o = (base - lag[i0]) * SERIES_STRIDE;
    for (let i = i0; i < iEnd; i++, o += SERIES_STRIDE) {
      const p = prior[i];
      const mp = first ? data[o + F_MU0] : mPrev;
      mu[i] = m;
      muPrev[i] = mp;
      const q = (data[o + F_Y] - m) / m;
      const pq2 = p * q * q;
      pearsonP += pq2;
      pearsonW += pq2 * mp;
    }
  }
  ws.pearsonW = pearsonW;
  ws.pearsonP = pearsonP;
}

/**
 * Farrington's reweighting (surveillance:::anscombe.residuals + algo.farrington.assign.weights)
 * from the current unweighted fit: writes the new prior weights; false if a residual is NaN.
 */
export function anscombeWeights(ws: GlmWorkspace, phi: number, threshold: number): boolean {
  const { runStart, runGroup, lag, prior, mu, muPrev, tbar, W, a, muG, data } = ws;
  const base = ws.base, trend = ws.trend, invStt = 1 / ws.stt, start = ws.start, beta = ws.beta;
  // mu^(-1/6): per group without slope; with a slope (no offset) exp(-eta/6) follows the same
  // recurrence as mu; otherwise (offset) cbrt(sqrt(mu)). Math.pow is slow in V8.
  const grouped = ws.grouped, recur = trend && !ws.hasOffset;
  const ratio6 = Math.exp(-beta / 6), ratio2 = Math.exp(beta / 2);
  let denom = 0, e6 = 1, e2 = 1, steps = ANCHOR_EVERY, nextT = NaN;
  for (let r = 0; r < ws.runs; r++) {
    const iEnd = runStart[r + 1];
    if (iEnd <= start) continue;
    const i0 = Math.max(runStart[r], start);
    const g = runGroup[r];
    const invW = 1 / W[g], tb = tbar[g];
    // per group: mu^(-1/6) and mu^(1/2) (grouped), or exp(-a/6) and exp(a/2) (recurrence)
    const c6 = grouped ? 1 / Math.cbrt(Math.sqrt(muG[g])) : recur ? Math.exp(-a[g] / 6) : 0;
    const c2 = grouped ? Math.sqrt(muG[g]) : recur ? Math.exp(a[g] / 2) : 0;
    const t0 = -lag[i0];
    if (recur && (t0 !== nextT || steps >= ANCHOR_EVERY)) {
      e6 = Math.exp((-beta * t0) / 6);
      e2 = Math.exp((beta * t0) / 2);
      steps = 0;
    }
    steps += iEnd - i0;
    nextT = t0 + (iEnd - i0);
    let o = (base - lag[i0]) * SERIES_STRIDE;
    for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
      const m = mu[i];
      let m16inv: number, sq: number;
      if (grouped) {
        m16inv = c6;
        sq = c2;
      } else if (recur && m > DBL_EPS) {
        m16inv = c6 * e6;
        sq = c2 * e2;
      } else {
        // offset, or a clamped mu (not exp(eta)): from mu itself, as R does
        sq = Math.sqrt(m);
        m16inv = 1 / Math.cbrt(sq);
      }
      e6 *= ratio6;
      e2 *= ratio2;
      let h = invW;
      if (trend) {
        const dt = t - tb;
        h += dt * dt * invStt;
      }
      h *= muPrev[i]; // unweighted fit: the working weight is muPrev
      if (h > 1 - 10 * DBL_EPS) h = 1;
      const v = phi * (1 - h);
      const num = 1.5 * (data[o + F_Y23] * m16inv - sq);
      const sres = num / Math.sqrt(v);
      if (sres !== sres) return false; // NaN
      prior[i] = sres; // holds s until gamma is known
      denom += sres > threshold ? v / (num * num) : 1;
    }
  }
  const gamma = (ws.n - start) / denom;
  for (let i = start; i < ws.n; i++) {
    const sres = prior[i];
    prior[i] = sres > threshold ? gamma / (sres * sres) : gamma;
  }
  return true;
}
