/**
 * Surveillance files with planted outbreaks, for the browser tests: weekly aggregate counts with a
 * seasonal baseline and a spike in one of the last completed weeks, daily gate screening with a
 * surge of symptomatic travellers, and a vector survey over the WHO thresholds. Deterministic.
 */

const DAY = 86_400_000;

/** mulberry32. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(rand: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

function isoWeek(ms: number): string {
  const d = new Date(ms);
  const dow = d.getUTCDay() || 7;
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + (4 - dow) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / DAY / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Today's date in a time zone (`YYYY-MM-DD`). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export interface PlantedSeries {
  area: string;
  disease: string;
  /** Mean weekly count. */
  base: number;
  /** The spike lies this many weeks before the last completed week (0: that week). */
  weeksAgo: number;
  extra: number;
}

/**
 * `period,area,disease,age_group,sex,count` for `years` years of weeks ending with the last
 * completed week before `today`.
 */
export function aggregatesCsv(series: readonly PlantedSeries[], today: string, years = 5, seed = 11): string {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const monday = todayMs - (((new Date(todayMs).getUTCDay() || 7) - 1) * DAY);
  const lastMonday = monday - 7 * DAY;
  const n = years * 52 + 1;
  const lines = ['period,area,disease,age_group,sex,count'];
  series.forEach((s, j) => {
    const rand = prng(seed + j * 101);
    for (let i = n - 1; i >= 0; i--) {
      const ms = lastMonday - i * 7 * DAY;
      const week = isoWeek(ms);
      const season = 1 + 0.35 * Math.sin((2 * Math.PI * Number(week.slice(6))) / 52);
      let count = poisson(rand, s.base * season);
      if (i === s.weeksAgo) count += s.extra;
      lines.push(`${week},${s.area},${s.disease},unknown,unknown,${count}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** 60 days of screening at the gates up to `lastDay`, with a surge of symptomatic travellers at the first gate `surgeDaysAgo` days before. */
export function screeningCsv(gates: readonly string[], lastDay: string, surgeDaysAgo = 1, seed = 5): string {
  const rand = prng(seed);
  const lines = ['date,gate,people,vehicles,consignments,samples,symptomatic,referred,quarantined'];
  for (let d = 59; d >= 0; d--) {
    const date = addDays(lastDay, -d);
    gates.forEach((gate, g) => {
      const people = 1500 + Math.round(rand() * 600) - g * 700;
      let symptomatic = poisson(rand, 3);
      if (g === 0 && d === surgeDaysAgo) symptomatic += 40;
      const referred = Math.min(symptomatic, poisson(rand, 0.6) + (g === 0 && d === surgeDaysAgo ? 9 : 0));
      const quarantined = Math.min(people, g === 0 && d === surgeDaysAgo ? 6 : poisson(rand, 0.3));
      lines.push(`${date},${gate},${people},${120 + Math.round(rand() * 40)},${30 + Math.round(rand() * 15)},${poisson(rand, 4)},${symptomatic},${referred},${quarantined}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** One Aedes larval survey over the WHO thresholds (house index ≥ 5 %, Breteau index ≥ 20). */
export function vectorsCsv(area: string, date: string): string {
  return `survey_date,area,house_index,breteau_index,container_index,rodent_density,flea_index,species\n${date},${area},12.5,34,9.5,,,Aedes aegypti\n`;
}

/** What each demo node gets: three planted outbreaks (one per UI language under test), a gate surge and a vector survey. */
export const PLANTED = {
  vn: {
    timeZone: 'Asia/Ho_Chi_Minh',
    series: [
      { area: 'VN-QN-MC', disease: 'VN-B-12', base: 6, weeksAgo: 0, extra: 30 },
      { area: 'VN-QN-TY', disease: 'VN-B-15', base: 3, weeksAgo: 1, extra: 22 },
      { area: 'VN-QN-HL', disease: 'VN-B-16', base: 8, weeksAgo: 0, extra: 40 },
      { area: 'VN-QN-CP', disease: 'VN-B-04', base: 10, weeksAgo: 2, extra: 45 },
    ],
    gates: ['mong-cai-dongxing', 'hoanh-mo-dongzhong'],
    vectorArea: 'VN-QN-MC',
  },
  cn: {
    timeZone: 'Asia/Shanghai',
    series: [
      { area: 'CN-GX-FCG-DX', disease: 'CN-B-11', base: 6, weeksAgo: 0, extra: 30 },
      { area: 'CN-GX-CZ-PX', disease: 'CN-B-07', base: 3, weeksAgo: 1, extra: 22 },
      { area: 'CN-GX-NN-XN', disease: 'CN-C-10', base: 8, weeksAgo: 0, extra: 40 },
      { area: 'CN-GX-BS-JX', disease: 'CN-C-01', base: 10, weeksAgo: 2, extra: 45 },
    ],
    gates: ['mong-cai-dongxing', 'huu-nghi-youyiguan'],
    vectorArea: 'CN-GX-FCG-DX',
  },
} as const;
