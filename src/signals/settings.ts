/**
 * Detection settings: which method judges which series, and the thresholds of the gate and
 * vector rules. Defaults are documented here; every one can be changed per node.
 */
import { parseDetectionConfig, type DetectionConfig, type MethodName } from '../detection';
import { BhError } from '../platform/errors';
import type { VectorIndex } from './model';
import './errors';

/** A detection method and its parameters (R's names; missing ones take R's defaults). */
export interface MethodChoice {
  method: MethodName;
  params?: Record<string, unknown>;
}

/**
 * How series of one disease are judged: `long` when there is enough history (at least
 * `minYears` whole years before the first judged week), otherwise `short`; null switches one off.
 */
export interface DiseaseRule {
  long?: MethodChoice | null;
  short?: MethodChoice | null;
  minYears?: number;
}

/** Farrington–Noufaily (Noufaily et al. 2013), exactly the fixture configuration "farrington-noufaily". */
export const NOUFAILY: MethodChoice = {
  method: 'farrington-flexible',
  params: {
    b: 5,
    w: 3,
    reweight: true,
    weightsThreshold: 2.58,
    alpha: 0.05,
    trend: true,
    pThresholdTrend: 0.05,
    limit54: [5, 4],
    powertrans: '2/3',
    populationOffset: false,
    noPeriods: 10,
    pastWeeksNotIncluded: 26,
    thresholdMethod: 'nbPlugin',
  },
};

/** EARS C2 (CDC): 7-period baseline with a 2-period guard band, R's alpha 0.001. */
export const EARS_C2: MethodChoice = { method: 'ears', params: { variant: 'C2', baseline: 7 } };

export interface DetectionSettingsInput {
  /** Judge the last N completed ISO weeks (late reports get judged again); default 4. */
  weeks?: number;
  /** Restrict detection to these areas / diseases (default: every series the source has). */
  areas?: string[];
  diseases?: string[];
  /** The rule for every disease, and per-disease overrides (merged field by field). */
  rule?: DiseaseRule;
  perDisease?: Record<string, DiseaseRule>;
  gate?: Partial<GateSettings>;
  vector?: { days?: number; thresholds?: Partial<Record<VectorIndex, number | null>>; diseases?: { mosquito?: string; rodent?: string } };
}

export interface GateSettings {
  /** Judge the last N days (default 7: late screening reports get judged again). */
  days: number;
  /** Days of screening fetched before the judged ones for the baseline (default 60). */
  lookbackDays: number;
  /** Share of screened people with symptoms that raises a signal (default 0.01 = 1 %); null: off. */
  symptomaticShare: number | null;
  /** The share rule needs at least this many screened (default 100)… */
  minScreened: number;
  /** …and both rules at least this many symptomatic travellers (default 5). */
  minSymptomatic: number;
  /** The jump rule: EARS over the daily symptomatic counts of the gate's reporting days; null: off. */
  jump: MethodChoice | null;
  /** The "disease" of gate signals (a syndrome: symptomatic travellers at screening). */
  disease: string;
}

export interface VectorSettings {
  days: number;
  /** WHO thresholds: Breteau index ≥ 20 or house index ≥ 5 (%) for Aedes; flea index ≥ 1 for plague. */
  thresholds: Record<VectorIndex, number | null>;
  diseases: { mosquito: string; rodent: string };
}

export interface ResolvedRule {
  long: DetectionConfig | null;
  short: DetectionConfig | null;
  minYears: number;
}

/** Validated settings with every default filled in. */
export interface DetectionSettings {
  weeks: number;
  areas?: string[];
  diseases?: string[];
  rule: ResolvedRule;
  perDisease: Record<string, ResolvedRule>;
  gate: GateSettings & { jumpConfig: DetectionConfig | null };
  vector: VectorSettings;
}

function parseChoice(c: MethodChoice | null | undefined, where: string): DetectionConfig | null {
  if (!c) return null;
  const v = parseDetectionConfig(c.method, c.params ?? {});
  if (!v.ok) throw new BhError('BH_SIGNAL_DETECTION_CONFIG_INVALID', { detail: `${where}: ${v.errors.join('; ')}` });
  return v.value;
}

function resolveRule(base: DiseaseRule, over: DiseaseRule | undefined, where: string): ResolvedRule {
  const pick = <K extends keyof DiseaseRule>(k: K) => (over && k in over ? over[k] : base[k]);
  const minYears = pick('minYears') ?? 3;
  if (!Number.isInteger(minYears) || minYears < 1) throw new BhError('BH_SIGNAL_DETECTION_CONFIG_INVALID', { detail: `${where}.minYears must be a whole number ≥ 1` });
  return { long: parseChoice(pick('long'), `${where}.long`), short: parseChoice(pick('short'), `${where}.short`), minYears };
}

/** Validates settings and fills in the defaults; throws BH_SIGNAL_DETECTION_CONFIG_INVALID. */
export function resolveSettings(input: DetectionSettingsInput = {}): DetectionSettings {
  const weeks = input.weeks ?? 4;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520) throw new BhError('BH_SIGNAL_DETECTION_CONFIG_INVALID', { detail: 'weeks must be 1…520' });
  const base: DiseaseRule = { long: NOUFAILY, short: EARS_C2, minYears: 3, ...input.rule };
  const gate: GateSettings = {
    days: 7,
    lookbackDays: 60,
    symptomaticShare: 0.01,
    minScreened: 100,
    minSymptomatic: 5,
    // sd floored at 2 travellers: about 1 % false alarms a day at a gate with ~6 symptomatic a day
    jump: { method: 'ears', params: { variant: 'C2', baseline: 7, minSigma: 2 } },
    disease: 'symptomatic-travellers',
    ...input.gate,
  };
  const perDisease: Record<string, ResolvedRule> = {};
  for (const [d, r] of Object.entries(input.perDisease ?? {})) perDisease[d] = resolveRule(base, r, `perDisease.${d}`);
  const jumpConfig = parseChoice(gate.jump, 'gate.jump');
  if (jumpConfig && jumpConfig.method !== 'ears') throw new BhError('BH_SIGNAL_DETECTION_CONFIG_INVALID', { detail: 'gate.jump must use EARS' });
  return {
    weeks,
    ...(input.areas ? { areas: input.areas } : {}),
    ...(input.diseases ? { diseases: input.diseases } : {}),
    rule: resolveRule(base, undefined, 'rule'),
    perDisease,
    gate: { ...gate, jumpConfig },
    vector: {
      days: input.vector?.days ?? 28,
      thresholds: { houseIndex: 5, breteauIndex: 20, containerIndex: null, rodentDensity: null, fleaIndex: 1, ...input.vector?.thresholds },
      diseases: { mosquito: 'dengue', rodent: 'plague', ...input.vector?.diseases },
    },
  };
}

/** The rule for a disease. */
export function ruleFor(settings: DetectionSettings, disease: string): ResolvedRule {
  return settings.perDisease[disease] ?? settings.rule;
}
