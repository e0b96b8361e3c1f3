// surveillance::earsC: CDC's EARS C1, C2 and C3 on a sliding baseline.
import { qnorm } from './quantiles';
import type { EarsParams } from './params';
import type { DetectionResult, JudgedRange, SeriesInput } from './types';

/** Mean and sample sd (R's mean/sd, two-pass) of x[from..from+len-1]. */
function meanSd(x: ArrayLike<number>, from: number, len: number): [number, number] {
  let s = 0;
  for (let i = from; i < from + len; i++) s += x[i];
  let mean = s / len;
  // R's mean adds a correction pass, which keeps it exact for integer data
  let corr = 0;
  for (let i = from; i < from + len; i++) corr += x[i] - mean;
  mean += corr / len;
  let ss = 0;
  for (let i = from; i < from + len; i++) {
    const d = x[i] - mean;
    ss += d * d;
  }
  return [mean, Math.sqrt(ss / (len - 1))];
}

/** EARS C1/C2/C3 upper bounds and alarms over the judged range (0-based, inclusive). */
export function earsC(series: SeriesInput, p: EarsParams, range: JudgedRange): DetectionResult {
  const x = series.counts;
  const B = p.baseline;
  const z = qnorm(1 - p.alpha);
  const len = range.end - range.start + 1;
  const out: DetectionResult = {
    upperbound: new Array(len).fill(null),
    alarm: new Array(len).fill(null),
    reasons: new Array(len).fill(null),
  };
  // first 0-based period with a full baseline (R's default range start, minus one)
  const lag = p.variant === 'C1' ? B : p.variant === 'C2' ? B + 2 : B + 4;
  // the C2 statistic of period s (reference x[s-B-2 .. s-3]); C3 needs it at t-2, t-1 and its
  // sd at t, so compute it once per period (rangeC2 in R)
  const c2 = new Float64Array(len + 2), sig2 = new Float64Array(len + 2);
  if (p.variant === 'C3') {
    for (let s = Math.max(range.start - 2, B + 2); s <= range.end; s++) {
      const [m, sd] = meanSd(x, s - B - 2, B);
      const sig = Math.max(sd, p.minSigma);
      c2[s - range.start + 2] = (x[s] - m) / sig;
      sig2[s - range.start + 2] = sig;
    }
  }
  for (let t = range.start; t <= range.end; t++) {
    const j = t - range.start;
    if (t < lag) {
      out.reasons[j] = `needs ${lag} earlier periods (baseline ${B}, method ${p.variant})`;
      continue;
    }
    let upper: number;
    if (p.variant === 'C1' || p.variant === 'C2') {
      const [m, sd] = meanSd(x, p.variant === 'C1' ? t - B : t - B - 2, B);
      upper = m + z * Math.max(sd, p.minSigma);
    } else {
      const lag2 = Math.max(0, c2[j] - 1);
      const lag1 = Math.max(0, c2[j + 1] - 1);
      upper = Math.max(0, x[t] + sig2[j + 2] * (z - (lag2 + lag1)));
    }
    if (Number.isNaN(upper)) {
      out.reasons[j] = 'the baseline has zero variance and minSigma is 0 (R answers NaN)';
      continue;
    }
    out.upperbound[j] = upper;
    out.alarm[j] = x[t] > upper;
  }
  return out;
}
