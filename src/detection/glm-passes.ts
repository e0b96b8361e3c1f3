// The passes over the observations of one IRLS fit (see glm.ts): the first least-squares step
// (from the series or its prefix sums) and one pass per later step, grouped or general.
import { DBL_EPS, F_DEV0, F_EXPLOGPOP, F_LOGPOP, F_MU0, F_Y, F_YLOGY_Y, F_Z0, PREFIX_STRIDE, SERIES_STRIDE } from './series';
import type { GlmWorkspace } from './glm';

const LOG_DBL_EPS = Math.log(DBL_EPS);
/** exp(beta t) recurrences are re-anchored with a fresh exp after this many multiplications. */
export const ANCHOR_EVERY = 32;

/** Constants of the fit and the first least-squares step's sums (mu = y + 0.1). */
export function firstPass(ws: GlmWorkspace): void {
  const { runStart, runGroup, lag, S, prior, data } = ws;
  const weighted = ws.weighted, hasOffset = ws.hasOffset, base = ws.base, start = ws.start;
  S.fill(0);
  // unweighted fits use prior = 1, so the hot loops read prior without branching (a grouped
  // convergence-only fit never reads it)
  if (!weighted && !(ws.grouped && !ws.needStats)) prior.fill(1, start, ws.n);
  if (!weighted && !hasOffset) {
    firstPassPrefix(ws);
    return;
  }
  let devConst = 0, devold = 0, nOk = 0, pyt = 0, pyo = 0;
  for (let r = 0; r < ws.runs; r++) {
    const iEnd = runStart[r + 1];
    if (iEnd <= start) continue;
    const i0 = Math.max(runStart[r], start);
    const t0 = -lag[i0];
    let o = (base - lag[i0]) * SERIES_STRIDE;
    let sw = 0, swt = 0, swtt = 0, swz = 0, swtz = 0, sp = 0, spy = 0, spyt = 0, cnt = 0;
    for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
      const p = prior[i];
      const yi = data[o + F_Y];
      devConst += p * data[o + F_YLOGY_Y];
      devold += p * data[o + F_DEV0];
      const py = p * yi;
      sp += p;
      spy += py;
      spyt += py * t;
      const w = p * data[o + F_MU0];
      let z = data[o + F_Z0];
      if (hasOffset) {
        pyo += py * data[o + F_LOGPOP];
        z -= data[o + F_LOGPOP];
      }
      const wt = w * t;
      sw += w; swt += wt; swtt += wt * t; swz += w * z; swtz += wt * z;
      cnt += p > 0 ? 1 : 0;
    }
    nOk += cnt;
    const k = runGroup[r] * 8;
    S[k] += sw; S[k + 1] += swt; S[k + 2] += swtt; S[k + 3] += swz; S[k + 4] += swtz;
    S[k + 5] += sp; S[k + 6] += spy; S[k + 7] += spyt;
    pyt += spyt;
  }
  ws.devConst = devConst;
  ws.devold0 = devold;
  ws.nOk = nOk;
  ws.pyt = pyt;
  ws.pyo = pyo;
}

/**
 * firstPass for unweighted fits without offset, from the prefix sums: per run of periods
 * u0..u1-1 (t = u - base = c - d with c = u - origin, d = base - origin) the sums of
 * w = mu0, w t, w t^2, w z0, w t z0, y, y t follow from differences of prefix sums.
 */
function firstPassPrefix(ws: GlmWorkspace): void {
  const { runStart, runGroup, lag, S, prefix: P } = ws;
  const K = PREFIX_STRIDE;
  const base = ws.base, start = ws.start, d = base - ws.origin;
  let devConst = 0, devold = 0, nOk = 0, pyt = 0;
  for (let r = 0; r < ws.runs; r++) {
    const iEnd = runStart[r + 1];
    if (iEnd <= start) continue;
    const i0 = Math.max(runStart[r], start);
    const u0 = base - lag[i0], u1 = u0 + (iEnd - i0);
    const q0 = u0 * K, q1 = u1 * K;
    const sy = P[q1] - P[q0];
    const sw = P[q1 + 3] - P[q0 + 3];
    const swz = P[q1 + 4] - P[q0 + 4];
    const swc = P[q1 + 5] - P[q0 + 5];
    const swcc = P[q1 + 6] - P[q0 + 6];
    const swzc = P[q1 + 7] - P[q0 + 7];
    const syc = P[q1 + 8] - P[q0 + 8];
    devConst += P[q1 + 1] - P[q0 + 1];
    devold += P[q1 + 2] - P[q0 + 2];
    nOk += u1 - u0;
    const swt = swc - d * sw;
    const spyt = syc - d * sy;
    pyt += spyt;
    const k = runGroup[r] * 8;
    S[k] += sw;
    S[k + 1] += swt;
    S[k + 2] += swcc - 2 * d * swc + d * d * sw;
    S[k + 3] += swz;
    S[k + 4] += swzc - d * swz;
    S[k + 5] += u1 - u0;
    S[k + 6] += sy;
    S[k + 7] += spyt;
  }
  ws.devConst = devConst;
  ws.devold0 = devold;
  ws.nOk = nOk;
  ws.pyt = pyt;
  ws.pyo = 0;
}

/** Without slope and offset: mu per group, the deviance and the next step's sums, O(groups). */
export function passGrouped(ws: GlmWorkspace, devConst: number): number {
  const { a, S, muG } = ws;
  let acc = 0;
  for (let g = 0; g < ws.groups; g++) {
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

/**
 * mu = linkinv(X beta + offset), the deviance, and the next step's group sums. With
 * z = (eta - offset) + (y - mu) / mu, sum w z = a_g W + beta sum w t + sum p y - W and
 * sum w t z = a_g sum w t + beta sum w t^2 + sum p y t - sum w t, so per observation only
 * w = p mu, w t and w t^2 are needed: no division and no data read (exact also when mu is
 * clamped, since eta stays unclamped in z).
 */
export function passGeneral(ws: GlmWorkspace, devConst: number, pyt: number, pyo: number): number {
  const G = ws.groups;
  const { runStart, runGroup, lag, prior, a, muG, S, data } = ws;
  const hasOffset = ws.hasOffset, weighted = ws.weighted, base = ws.base, start = ws.start;
  const beta = ws.beta;
  // sum p y log(mu) is linear in the coefficients while mu is not clamped
  let sumPyEta = beta * pyt + pyo;
  for (let g = 0; g < G; g++) {
    const k = g * 8;
    muG[g] = Math.exp(a[g]);
    sumPyEta += a[g] * S[k + 6];
    S[k] = 0; S[k + 1] = 0; S[k + 2] = 0;
  }
  const ratio = Math.exp(beta);
  // e = exp(beta t) by recurrence along the runs, re-anchored with a fresh exp at gaps and
  // once ANCHOR_EVERY multiplications have accumulated
  let clampCorr = 0, e = 1, steps = ANCHOR_EVERY, nextT = NaN;
  for (let r = 0; r < ws.runs; r++) {
    const iEnd = runStart[r + 1];
    if (iEnd <= start) continue;
    const i0 = Math.max(runStart[r], start);
    const g = runGroup[r];
    const mg = muG[g];
    const t0 = -lag[i0];
    if (t0 !== nextT || steps >= ANCHOR_EVERY) {
      e = Math.exp(beta * t0);
      steps = 0;
    }
    steps += iEnd - i0;
    nextT = t0 + (iEnd - i0);
    let sw = 0, swt = 0, swtt = 0;
    if (!hasOffset && !weighted) {
      for (let i = i0, t = t0; i < iEnd; i++, t++) {
        let m = mg * e;
        e *= ratio;
        if (!(m >= DBL_EPS && m < Infinity)) {
          const c = exactMu(ws, g, t, (base - lag[i]) * SERIES_STRIDE, 1);
          m = c.m;
          clampCorr += c.corr;
        }
        const mt = m * t;
        sw += m; swt += mt; swtt += mt * t;
      }
    } else {
      let o = (base - lag[i0]) * SERIES_STRIDE;
      for (let i = i0, t = t0; i < iEnd; i++, t++, o += SERIES_STRIDE) {
        let m = mg * e;
        e *= ratio;
        if (hasOffset) m *= data[o + F_EXPLOGPOP];
        const p = prior[i];
        if (!(m >= DBL_EPS && m < Infinity)) {
          const c = exactMu(ws, g, t, o, p);
          m = c.m;
          clampCorr += c.corr;
        }
        const w = p * m;
        const wt = w * t;
        sw += w; swt += wt; swtt += wt * t;
      }
    }
    const k = g * 8;
    S[k] += sw; S[k + 1] += swt; S[k + 2] += swtt;
  }
  let sumPMu = 0;
  for (let g = 0; g < G; g++) {
    const k = g * 8;
    const w = S[k], wt = S[k + 1];
    sumPMu += w;
    S[k + 3] = a[g] * w + beta * wt + S[k + 6] - w;
    S[k + 4] = a[g] * wt + beta * S[k + 2] + S[k + 7] - wt;
  }
  return 2 * (devConst + sumPMu - (sumPyEta - clampCorr));
}

/**
 * mu computed from eta when the recurrence under/overflowed or mu is clamped at DBL_EPS;
 * corr is the correction of sum p y log(mu) for a clamped mu (log mu = log eps, not eta).
 */
function exactMu(ws: GlmWorkspace, g: number, t: number, o: number, p: number): { m: number; corr: number } {
  const eta = ws.a[g] + ws.beta * t + (ws.hasOffset ? ws.data[o + F_LOGPOP] : 0);
  const m = Math.exp(eta);
  if (m >= DBL_EPS) return { m, corr: 0 };
  return { m: DBL_EPS, corr: p * ws.data[o + F_Y] * (eta - LOG_DBL_EPS) };
}
