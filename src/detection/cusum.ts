// surveillance::cusum (algo.cusum via wrap.algo): Rossi et al.'s approximate CUSUM on a
// standardised count, restarted at the start of the judged range.
import type { CusumParams } from './params';
import type { DetectionResult, JudgedRange, SeriesInput } from './types';

/** R's mean(): sum / n with a correction pass. */
function rMean(x: ArrayLike<number>, from: number, to: number): number {
  const n = to - from;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i];
  let m = s / n;
  if (Number.isFinite(m)) {
    let c = 0;
    for (let i = from; i < to; i++) c += x[i] - m;
    m += c / n;
  }
  return m;
}

/** CUSUM upper bounds and alarms over the judged range (0-based, inclusive). */
export function cusum(series: SeriesInput, p: CusumParams, range: JudgedRange): DetectionResult {
  const x = series.counts;
  const len = range.end - range.start + 1;
  const out: DetectionResult = {
    upperbound: new Array(len).fill(null),
    alarm: new Array(len).fill(null),
    reasons: new Array(len).fill(null),
  };
  if (p.m === null && range.start < 1) {
    out.reasons.fill('needs at least one period before the range to estimate m');
    return out;
  }
  // m = NULL: mean of every period before the range
  const m = p.m ?? rMean(x, 0, range.start);
  const { k, h } = p;
  const sm = Math.sqrt(m);
  const m16 = Math.pow(m, 1 / 6);
  const m23 = Math.pow(m, 2 / 3);
  const m32 = Math.pow(m, 3 / 2);
  let c = 0; // C_{t-1}
  for (let j = 0; j < len; j++) {
    const xt = x[range.start + j];
    let stand: number;
    if (p.trans === 'standard') stand = (xt - m) / sm;
    else if (p.trans === 'rossi') stand = (xt - 3 * m + 2 * Math.sqrt(xt * m)) / (2 * sm);
    else stand = ((3 / 2) * (Math.pow(xt, 2 / 3) - m23)) / m16;
    // the bound is the count that would take C_t to h, given C_{t-1}
    let ub: number;
    if (p.trans === 'standard') ub = Math.ceil(sm * (h + k - c) + m);
    else if (p.trans === 'rossi') {
      ub = 2 * h * sm + 2 * k * sm - 2 * c * sm + 5 * m -
        2 * Math.sqrt(4 * m * m + 2 * m32 * h + 2 * m32 * k - 2 * m32 * c);
    } else {
      const base = (2 / 3) * m16 * (h + k - c) + m23;
      ub = Number.isNaN(base) ? NaN : base < 0 ? 0 : Math.pow(base, 3 / 2);
    }
    // R: upperbound[is.na(upperbound)] <- 0; upperbound[upperbound < 0] <- 0
    out.upperbound[j] = Number.isNaN(ub) || ub < 0 ? 0 : ub;
    // R's max(0, NaN) is NaN, as is Math.max
    c = Math.max(0, c + (stand - k));
    if (Number.isNaN(c)) {
      out.alarm[j] = null;
      out.reasons[j] = 'the standardised count is undefined (m = 0 gives 0/0)';
    } else {
      out.alarm[j] = c >= h;
    }
  }
  return out;
}
