/**
 * Where detection reads its data: injected, so signals never import surveillance. The node
 * implements it with surveillance's queries; tests with synthetic data.
 */

/** One area × disease weekly count series over consecutive ISO weeks (dense: a week with no cases is 0). */
export interface WeeklySeries {
  area: string;
  disease: string;
  /** ISO week of counts[0], e.g. '2021-W01'. */
  firstWeek: string;
  counts: number[];
}

/** One day's screening at a border gate (this node's side). */
export interface GateScreeningDay {
  gate: string;
  /** YYYY-MM-DD */
  date: string;
  people: number;
  symptomatic: number;
  referred: number;
  quarantined: number;
}

/** One entomological survey: Aedes larval indices (%) or rodent / flea indices. */
export interface VectorSurvey {
  area: string;
  /** YYYY-MM-DD */
  date: string;
  kind: 'mosquito' | 'rodent';
  houseIndex?: number | null;
  breteauIndex?: number | null;
  containerIndex?: number | null;
  rodentDensity?: number | null;
  fleaIndex?: number | null;
}

export interface SeriesSource {
  weeklySeries(filter?: { areas?: string[]; diseases?: string[] }): Promise<WeeklySeries[]>;
  /** Dates inclusive. */
  gateScreening(filter: { from: string; to: string }): Promise<GateScreeningDay[]>;
  /** Dates inclusive. */
  vectorSurveys(filter: { from: string; to: string }): Promise<VectorSurvey[]>;
}
