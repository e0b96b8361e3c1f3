// surveillance::farringtonFlexible with fitFun "algo.farrington.fitGLM.flexible", period by
// period as R does it (algo.farrington.glm + fitGLM.flexible + the threshold functions).
import { buildBlockPlan, type BlockPlan } from './blocks';
import { GlmWorkspace } from './glm';
import { anscombeWeights } from './glm-results';
import { DBL_EPS, buildGlmSeries, countAt, logPopulationAt } from './series';
import { thresholdDelta, thresholdNoufaily, type Threshold } from './farrington-threshold';
import { TwoSidedTTest, qnorm } from './quantiles';
import type { FarringtonParams } from './params';
import type { DetectionResult, JudgedRange, SeriesInput } from './types';

/** A model as algo.farrington.glm leaves it: which design was kept and phi = max(dispersion, 1). */
interface FlexibleModel {
  trendUsed: boolean;
  phi: number;
  /**
   * The dispersion summary.glm/predict.glm later see. fitGLM.flexible overwrites model$weights
   * (the working weights) with the prior weights omega after computing phi, so the trend test
   * and se.fit use sum(omega * working residual^2) / df.residual.
   */
  summaryDispersion: number;
}

const NO_CONVERGENCE = 'the GLM did not converge with nor without time trend';

/** Reusable farringtonFlexible runner for one configuration and frequency. */
export class FarringtonDetector {
  private readonly plan: BlockPlan | null;
  private readonly planError: string;
  private readonly ws: GlmWorkspace | null;
  private readonly z: number;
  private readonly typeLink: boolean;
  private readonly limitReason: string;
  private readonly trendTest: TwoSidedTTest;

  constructor(readonly params: FarringtonParams, readonly frequency: number) {
    const plan = buildBlockPlan({
      b: params.b, w: params.w, frequency, noPeriods: params.noPeriods,
      pastWeeksNotIncluded: params.pastWeeksNotIncluded,
    });
    if ('error' in plan) {
      this.plan = null;
      this.planError = plan.error;
      this.ws = null;
    } else {
      this.plan = plan;
      this.planError = '';
      this.ws = new GlmWorkspace(plan.lags, plan.groups, plan.groupCount);
      this.ws.hasOffset = params.populationOffset;
    }
    this.z = qnorm(1 - params.alpha);
    this.typeLink = params.thresholdMethod !== 'delta';
    this.trendTest = new TwoSidedTTest(params.pThresholdTrend);
    this.limitReason = `fewer than ${params.limit54[0]} cases in the last ${params.limit54[1]} periods (limit54): no upper bound`;
  }

  /** Judge periods range.start..range.end (0-based, inclusive) of one series. */
  run(series: SeriesInput, range: JudgedRange): DetectionResult {
    const len = range.end - range.start + 1;
    const out: DetectionResult = {
      expected: new Array(len).fill(null),
      upperbound: new Array(len).fill(null),
      alarm: new Array(len).fill(null),
      reasons: new Array(len).fill(null),
    };
    if (!this.ws) {
      out.reasons.fill(`no fit possible: ${this.planError}`);
      return out;
    }
    // The prefix sums' origin depends on the series alone, so a period gets bit-identical sums
    // whatever range it is judged in (near-degenerate fits would otherwise flip on rounding).
    this.ws.setSeries(buildGlmSeries(series.counts, series.population, this.params.populationOffset), (series.counts.length - 1) >> 1);
    for (let t0 = range.start; t0 <= range.end; t0++) this.judge(t0 + 1, out, t0 - range.start);
    return out;
  }

  /** One judged period k (1-based, as in R). */
  private judge(k: number, out: DetectionResult, j: number): void {
    const p = this.params;
    const ws = this.ws!;
    const c = ws.data;
    const { b, w } = p;
    const f = this.frequency;
    // R stops when a reference period or the start of a window lies before the series
    if (k - b * f < 1 || k - b * f - w < 0) {
      out.reasons[j] = `needs ${b} years (${b * f + w} periods) of history before this period`;
      return;
    }
    if (k - p.pastWeeksNotIncluded < 0) {
      out.reasons[j] = 'pastWeeksNotIncluded reaches before the start of the series';
      return;
    }
    ws.setPeriod(k - 1);
    if (p.populationOffset) {
      let zeroPop = !Number.isFinite(logPopulationAt(c, k - 1));
      for (let i = ws.start; i < ws.n && !zeroPop; i++) zeroPop = !Number.isFinite(logPopulationAt(c, k - 1 - ws.lag[i]));
      if (zeroPop) {
        out.reasons[j] = 'no fit possible: a population of 0 cannot enter the offset log(population)';
        return;
      }
    }
    const yk = countAt(c, k - 1);
    let recent = 0;
    for (let t = Math.max(1, k - p.limit54[1] + 1); t <= k; t++) recent += countAt(c, t - 1);
    const enoughCases = recent >= p.limit54[0];

    if (!enoughCases) {
      // R still fits (the alarm is FALSE when a model exists, NA when none converged) but
      // reports no bound; only convergence matters, and the no-trend fit is the cheap witness
      const exists =
        ws.fit(false, false, false) === 'converged' ||
        (p.trend && !this.zeroDataShortcut() && ws.fit(true, false, false) === 'converged');
      out.alarm[j] = exists ? false : null;
      out.reasons[j] = exists ? this.limitReason : NO_CONVERGENCE;
      return;
    }

    let model = this.fitFlexible(p.trend);
    if (typeof model === 'string') {
      out.reasons[j] = model;
      return;
    }
    const off0 = p.populationOffset ? logPopulationAt(c, k - 1) : 0;
    const pg = this.plan!.predictGroup;
    if (!ws.groupPresent(pg)) {
      out.reasons[j] = 'no fit possible: the current seasonal group has no weight';
      return;
    }
    if (model.trendUsed) {
      const muNow = Math.max(Math.exp(ws.a[pg] + off0), DBL_EPS);
      // summary.glm: t = beta / se, p = 2 pt(-|t|, df.residual); significant when p < threshold
      const tval = ws.beta / Math.sqrt(model.summaryDispersion / ws.stt);
      const noExtrapolation = muNow <= ws.maxResponse();
      if (ws.dfResidual <= 0 || Number.isNaN(tval)) {
        if (b >= 3 && noExtrapolation) {
          out.reasons[j] = 'no fit possible: the p-value of the time trend is undefined';
          return;
        }
      }
      const doTrend = b >= 3 && noExtrapolation && ws.dfResidual > 0 && this.trendTest.below(tval, ws.dfResidual);
      if (!doTrend) {
        model = this.fitFlexible(false);
        if (typeof model === 'string') {
          out.reasons[j] = model;
          return;
        }
        if (!ws.groupPresent(pg)) {
          out.reasons[j] = 'no fit possible: the current seasonal group has no weight';
          return;
        }
      }
    }
    // predict.glm(se.fit = TRUE): scale = sqrt(summary(model)$dispersion), not phi
    const eta0 = ws.a[pg] + off0;
    const seEta = Math.sqrt(model.summaryDispersion * ws.unscaledVarianceNow(pg));
    let th: Threshold | null;
    let fit: number;
    if (this.typeLink) {
      th = thresholdNoufaily(eta0, seEta, model.phi, p.thresholdMethod as 'nbPlugin' | 'muan', p.alpha, this.z, yk);
      fit = Math.exp(eta0);
    } else {
      const mu0 = Math.max(Math.exp(eta0), DBL_EPS);
      th = thresholdDelta(mu0, seEta * mu0, model.phi, p.powertrans, this.z, yk);
      fit = mu0;
    }
    if (th === null) {
      out.reasons[j] = 'no threshold possible: undefined mean or dispersion';
      return;
    }
    out.alarm[j] = !Number.isNaN(th.score) && th.score > 1 && yk !== 0;
    if (Number.isNaN(th.upper)) {
      out.reasons[j] = 'no upper bound: the threshold is undefined (infinite or NaN quantile)';
    } else {
      out.upperbound[j] = th.upper;
      out.expected![j] = fit;
    }
  }

  /**
   * On all-zero data (no offset) the first least-squares step is an exact constant fit, so the
   * slope stays 0 and the trend fit repeats the no-trend fit's steps: when the cheap no-trend fit
   * does not converge, neither does the trend fit (R then tries 25 steps of each).
   */
  private zeroDataShortcut(): boolean {
    return !this.params.populationOffset && this.ws!.responsesAllZero();
  }

  /** surveillance:::algo.farrington.fitGLM.flexible; a string explains a missing model. */
  private fitFlexible(timeTrend: boolean): FlexibleModel | string {
    const ws = this.ws!;
    const p = this.params;
    let trendUsed = timeTrend;
    if (timeTrend && this.zeroDataShortcut() && ws.fit(false, false, false) !== 'converged') return NO_CONVERGENCE;
    let st = ws.fit(timeTrend, false);
    if (st === 'failed') return `no fit possible: ${ws.failure}`;
    if (st !== 'converged') {
      if (timeTrend) {
        trendUsed = false;
        st = ws.fit(false, false);
        if (st === 'failed') return `no fit possible: ${ws.failure}`;
      }
      if (st !== 'converged') return NO_CONVERGENCE;
    }
    if (Number.isNaN(ws.dispersion)) return 'no fit possible: no residual degrees of freedom for the dispersion';
    let phi = Math.max(ws.dispersion, 1);
    if (!p.reweight) return { trendUsed, phi, summaryDispersion: ws.dispersion };
    // Anscombe residuals of the unweighted fit, Farrington's down-weighting, and a weighted refit
    if (!anscombeWeights(ws, phi, p.weightsThreshold)) {
      return 'no fit possible: an Anscombe residual is undefined (leverage 1)';
    }
    st = ws.fit(trendUsed, true);
    if (st === 'failed') return `no fit possible: ${ws.failure}`;
    if (Number.isNaN(ws.dispersion)) return 'no fit possible: no residual degrees of freedom for the dispersion';
    phi = Math.max(ws.dispersion, 1);
    return { trendUsed, phi, summaryDispersion: ws.priorWeightedDispersion() };
  }
}
