// Which past periods feed the Farrington GLM of a judged period, and their seasonal group.
// Mirrors surveillance:::algo.farrington.referencetimepoints, :::blocks and
// :::algo.farrington.data.glm on an index time axis. The pattern is the same for every judged
// period k (everything is relative to k), so it is computed once per configuration.

/** The observations used for a judged period, as offsets back from it. */
export interface BlockPlan {
  /** k - t for every included period t, in increasing t. */
  readonly lags: Int32Array;
  /** Group (0-based, in order of R's factor levels) of each included period. */
  readonly groups: Int32Array;
  /** Number of distinct groups (R's factor levels). */
  readonly groupCount: number;
  /** Group of the judged period itself (R predicts with seasgroups = factor(noPeriods)). */
  readonly predictGroup: number;
  /** b * freq + w: the oldest period touched lies this far back. */
  readonly span: number;
}

/** Parameters that shape the plan. */
export interface BlockPlanParams {
  b: number;
  w: number;
  frequency: number;
  noPeriods: number;
  pastWeeksNotIncluded: number;
}

/** Build the reference-period plan, or explain why R would stop. */
export function buildBlockPlan(p: BlockPlanParams): BlockPlan | { error: string } {
  const { b, w, frequency: f, noPeriods: np, pastWeeksNotIncluded: pwni } = p;
  const span = b * f + w;
  // rel index r = t - (k - span); the judged period is r = span
  const L = span + 1;
  const vof = new Float64Array(L).fill(NaN);
  const k = span;
  const assign = (from: number, to: number, v: number) => {
    // R's from:to counts down when from > to (a quirk blocks() relies on for empty blocks)
    const step = from <= to ? 1 : -1;
    for (let r = from; ; r += step) {
      if (r >= 0 && r < L) vof[r] = v;
      if (r === to) break;
    }
  };
  assign(k - w, k, np);
  for (let i = 1; i <= b; i++) {
    const refWeek = k - i * f;
    const later = k - (i - 1) * f;
    assign(refWeek - w, refWeek + w, np);
    if (np !== 1) {
      const period = later - 2 * w - 1 - refWeek;
      if (period < np - (2 * w + 1)) return { error: 'Number of factors too big! (noPeriods exceeds frequency)' };
      if (period < 0) return { error: 'windows of 2w+1 periods overlap from year to year; noPeriods must be 1' };
      const len = Math.floor(period / (np - 1));
      const rest = period - len * (np - 1);
      const cum: number[] = [0];
      for (let j = 1; j <= np - 1; j++) cum.push(cum[j - 1] + len + (j <= rest ? 1 : 0));
      for (let j = 1; j <= np - 1; j++) {
        assign(refWeek + w + 1 + cum[j - 1], refWeek + w + 1 + cum[j] - 1, j);
      }
    }
  }
  // the current period and pastWeeksNotIncluded before it are left out of the fit
  for (let r = Math.max(0, k - pwni); r <= k; r++) vof[r] = NaN;
  const lagList: number[] = [];
  const labelList: number[] = [];
  for (let r = 0; r < L; r++) {
    if (!Number.isNaN(vof[r])) {
      lagList.push(k - r);
      labelList.push(vof[r]);
    }
  }
  const levels = [...new Set(labelList)].sort((x, y) => x - y);
  const predictGroup = levels.indexOf(np);
  if (predictGroup < 0) return { error: 'no reference period falls in the current seasonal group' };
  if (np !== 1 && levels.length < 2) return { error: 'the seasonal factor has a single level' };
  return {
    lags: Int32Array.from(lagList),
    groups: Int32Array.from(labelList.map((v) => levels.indexOf(v))),
    groupCount: levels.length,
    predictGroup,
    span,
  };
}
