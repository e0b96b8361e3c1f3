import type { SeriesSource } from '../signals';
import type { Surveillance } from '../surveillance';

/** Feeds detection from this node's surveillance data. */
export function seriesSourceFrom(s: Surveillance): SeriesSource {
  return {
    async weeklySeries(f) {
      const ws = await s.weeklySeries({ areas: f?.areas, diseases: f?.diseases });
      const out = [];
      for (const x of ws.series) {
        // A series starts at its own first report: padding from the earliest week of any series
        // would give an area that began reporting late years of false zero history.
        const first = x.counts.findIndex((c) => c > 0);
        if (first < 0) continue;
        out.push({ area: x.area, disease: x.disease, firstWeek: ws.weeks[first], counts: x.counts.slice(first) });
      }
      return out;
    },
    async gateScreening({ from, to }) {
      return (await s.screeningDays({ from, to })).map(({ gate, date, people, symptomatic, referred, quarantined }) => ({
        gate,
        date,
        people,
        symptomatic,
        referred,
        quarantined,
      }));
    },
    async vectorSurveys({ from, to }) {
      return (await s.vectorSurveys({ from, to })).flatMap((v) => [
        ...(v.houseIndex != null || v.breteauIndex != null || v.containerIndex != null
          ? [{ area: v.area, date: v.surveyDate, kind: 'mosquito' as const, houseIndex: v.houseIndex, breteauIndex: v.breteauIndex, containerIndex: v.containerIndex }]
          : []),
        ...(v.rodentDensity != null || v.fleaIndex != null
          ? [{ area: v.area, date: v.surveyDate, kind: 'rodent' as const, rodentDensity: v.rodentDensity, fleaIndex: v.fleaIndex }]
          : []),
      ]);
    },
  };
}
