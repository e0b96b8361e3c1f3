/**
 * The demo's surveillance history: five years of weekly notifiable-disease counts for the node's
 * districts, daily border-gate screening and monthly vector surveys, with a few planted outbreaks
 * in the last weeks so that detection — run for real on import — opens the demo with signals.
 * Pure: reference data in, CSV text out.
 */
import { negBin, poisson, rng } from './random';

export interface DemoArea {
  code: string;
  population: number;
  border: boolean;
}

export interface DemoGate {
  id: string;
  /** This node's side's area of the gate pair. */
  area: string;
}

interface DiseaseProfile {
  key: 'dengue' | 'hfmd' | 'influenza' | 'measles' | 'cholera' | 'plague';
  /** Mean weekly cases per 100,000 people at the seasonal average. */
  rate: number;
  /** Seasonal amplitude (0 = flat) and peak ISO week. */
  amplitude: number;
  peakWeek: number;
  /** Negative-binomial size: smaller is burstier. */
  size: number;
  /** Share of cases per age group 0-4, 5-14, 15-24, 25-44, 45-64, 65+. */
  ages: number[];
}

const AGE_GROUPS = ['0-4', '5-14', '15-24', '25-44', '45-64', '65+'];

const PROFILES: DiseaseProfile[] = [
  { key: 'dengue', rate: 1.2, amplitude: 0.95, peakWeek: 38, size: 2, ages: [0.04, 0.16, 0.25, 0.32, 0.17, 0.06] },
  { key: 'hfmd', rate: 1.5, amplitude: 0.6, peakWeek: 18, size: 3, ages: [0.72, 0.24, 0.02, 0.01, 0.01, 0] },
  { key: 'influenza', rate: 4, amplitude: 0.7, peakWeek: 5, size: 4, ages: [0.14, 0.2, 0.14, 0.24, 0.17, 0.11] },
  { key: 'measles', rate: 0.05, amplitude: 0.4, peakWeek: 12, size: 0.8, ages: [0.45, 0.3, 0.12, 0.1, 0.03, 0] },
  { key: 'cholera', rate: 0, amplitude: 0, peakWeek: 30, size: 1, ages: [0.1, 0.15, 0.2, 0.3, 0.15, 0.1] },
  { key: 'plague', rate: 0, amplitude: 0, peakWeek: 30, size: 1, ages: [0.05, 0.15, 0.2, 0.35, 0.2, 0.05] },
];

/** Each list's code for the demo's diseases. */
export const DEMO_DISEASE_CODES: Record<'VN' | 'CN', Record<DiseaseProfile['key'], string>> = {
  VN: { dengue: 'VN-B-12', hfmd: 'VN-B-16', influenza: 'VN-B-04', measles: 'VN-B-15', cholera: 'VN-A-08', plague: 'VN-A-03' },
  CN: { dengue: 'CN-B-11', hfmd: 'CN-C-10', influenza: 'CN-C-01', measles: 'CN-B-07', cholera: 'CN-A-02', plague: 'CN-A-01' },
};

/** A planted outbreak: extra cases in an area for a disease over the last weeks. */
export interface Outbreak {
  area: string;
  disease: DiseaseProfile['key'];
  /** Extra cases in each of the last weeks, oldest first, ending with the last completed week. */
  extra: number[];
}

export interface DemoSurveillanceInput {
  country: 'VN' | 'CN';
  areas: DemoArea[];
  gates: DemoGate[];
  /** The last completed ISO week's Monday, as a date. */
  today: Date;
  years?: number;
  outbreaks: Outbreak[];
  /** A gate with a surge of symptomatic travellers over the last days. */
  gateSurge?: string;
  /** An area whose last mosquito survey is above the Breteau threshold. */
  breteauHotspot?: string;
  seed?: number;
}

const DAY = 86_400_000;

function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const y0 = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - y0.getTime()) / DAY + 1) / 7) };
}

const weekLabel = (d: Date) => {
  const { year, week } = isoWeek(d);
  return `${year}-W${String(week).padStart(2, '0')}`;
};
const dayLabel = (d: Date) => d.toISOString().slice(0, 10);

/** Monday of the last completed ISO week before `now`. */
export function lastCompletedWeek(now: Date): Date {
  const t = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const day = t.getUTCDay() || 7;
  return new Date(t.getTime() - (day - 1 + 7) * DAY);
}

function split(r: () => number, n: number, shares: number[]): number[] {
  const out = shares.map(() => 0);
  for (let i = 0; i < n; i++) {
    let u = r();
    let j = 0;
    while (j < shares.length - 1 && u >= shares[j]) u -= shares[j++];
    out[j]++;
  }
  return out;
}

/** Weekly aggregate counts as CSV (`period,area,disease,age_group,sex,count`), rows with cases only. */
export function aggregatesCsv(input: DemoSurveillanceInput): string {
  const r = rng(input.seed ?? 1369);
  const years = input.years ?? 5;
  const weeks = years * 52 + 1;
  const first = new Date(input.today.getTime() - (weeks - 1) * 7 * DAY);
  const codes = DEMO_DISEASE_CODES[input.country];
  const lines = ['period,area,disease,age_group,sex,count'];
  for (const area of input.areas) {
    for (const p of PROFILES) {
      const planted = input.outbreaks.filter((o) => o.area === area.code && o.disease === p.key);
      // Border districts see more dengue and cholera importation.
      const rate = p.rate * (area.border && (p.key === 'dengue' || p.key === 'cholera') ? 1.4 : 1);
      for (let w = 0; w < weeks; w++) {
        const monday = new Date(first.getTime() + w * 7 * DAY);
        const { week, year } = isoWeek(monday);
        const season = 1 + p.amplitude * Math.cos((2 * Math.PI * (week - p.peakWeek)) / 52);
        const trend = 1 + 0.03 * (year - input.today.getUTCFullYear());
        const mean = (rate * area.population * season * trend) / 100_000;
        let n = negBin(r, mean, p.size);
        // Cholera and plague: zero almost always, a rare sporadic imported case.
        if (p.rate === 0 && area.border && r() < (p.key === 'cholera' ? 0.002 : 0.0004)) n = 1;
        for (const o of planted) {
          const back = weeks - 1 - w;
          if (back < o.extra.length) n += o.extra[o.extra.length - 1 - back];
        }
        if (n === 0) continue;
        const byAge = split(r, n, p.ages);
        byAge.forEach((c, i) => {
          if (c === 0) return;
          const male = Math.round(c * (0.45 + 0.1 * r()));
          for (const [sex, k] of [
            ['male', male],
            ['female', c - male],
          ] as const)
            if (k > 0) lines.push(`${weekLabel(monday)},${area.code},${codes[p.key]},${AGE_GROUPS[i]},${sex},${k}`);
        });
      }
    }
  }
  return lines.join('\n') + '\n';
}

/** Daily border-gate screening for the last `days` days as CSV. */
export function screeningCsv(input: DemoSurveillanceInput, days = 180): string {
  const r = rng((input.seed ?? 1369) + 7);
  const lines = ['date,gate,people,vehicles,consignments,samples,symptomatic,referred,quarantined'];
  const end = new Date(input.today.getTime() + 6 * DAY);
  input.gates.forEach((g, gi) => {
    const volume = gi === 0 ? 9000 : 600 + 2400 * r();
    for (let d = days - 1; d >= 0; d--) {
      const day = new Date(end.getTime() - d * DAY);
      const weekday = day.getUTCDay();
      const people = poisson(r, volume * (weekday === 0 || weekday === 6 ? 1.25 : 1));
      const vehicles = poisson(r, people / 12);
      const consignments = poisson(r, people / 30);
      const samples = poisson(r, 3 + people / 2000);
      let symptomatic = poisson(r, people * 0.0004);
      if (g.id === input.gateSurge && d < 3) symptomatic += 18 + poisson(r, 6);
      const referred = Math.min(symptomatic, poisson(r, symptomatic * 0.3));
      const quarantined = Math.min(referred, poisson(r, referred * 0.2));
      lines.push(`${dayLabel(day)},${g.id},${people},${vehicles},${consignments},${samples},${symptomatic},${referred},${quarantined}`);
    }
  });
  return lines.join('\n') + '\n';
}

/** Monthly vector surveys of border districts for two years as CSV. */
export function vectorsCsv(input: DemoSurveillanceInput): string {
  const r = rng((input.seed ?? 1369) + 13);
  const lines = ['survey_date,area,house_index,breteau_index,container_index,rodent_density,flea_index,species'];
  for (const a of input.areas.filter((x) => x.border)) {
    for (let m = 23; m >= 0; m--) {
      const d = new Date(Date.UTC(input.today.getUTCFullYear(), input.today.getUTCMonth() - m, 10));
      if (d > input.today) continue;
      const month = d.getUTCMonth();
      const season = 1 + 0.8 * Math.cos((2 * Math.PI * (month - 8)) / 12);
      let breteau = Math.max(0, 8 * season + 3 * (r() - 0.5));
      if (a.code === input.breteauHotspot && m === 0) breteau = 31 + 4 * r();
      const house = Math.min(100, breteau * (0.35 + 0.1 * r()));
      const container = Math.min(100, breteau * (0.25 + 0.1 * r()));
      const rodent = 2 + 4 * r();
      const flea = Math.max(0, 0.3 + 0.3 * (r() - 0.5));
      lines.push(`${dayLabel(d)},${a.code},${house.toFixed(1)},${breteau.toFixed(1)},${container.toFixed(1)},${rodent.toFixed(1)},${flea.toFixed(2)},Aedes aegypti; Aedes albopictus`);
    }
  }
  return lines.join('\n') + '\n';
}
