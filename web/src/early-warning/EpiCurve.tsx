import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JudgedWeek } from '../api/signals';
import { useFormat } from '../i18n/format';
import { COLORS, escapeHtml, font, useChart, valueAxis, type Option } from '../app/charts/chartKit';
import { decimal, periodLabel, weekDays, weekShort } from './names';
import { weekRange, weeksBetween, addWeeks } from './weeks';

export interface EpiCurveProps {
  /** Weekly counts up to and including the judged week. */
  series: { firstWeek: string; counts: number[] };
  /** The detector's answer for each week of the run's judged range. */
  judged: JudgedWeek[];
  alarmWeeks: string[];
  /** The week the signal is about. */
  week: string;
  /** Show only the last weeks (all when unset). */
  lastWeeks?: number;
}

/** Bars of weekly counts, the expected count (line), the upper bound (dashed) and the alarm weeks (marked). */
export function EpiCurve({ series, judged, alarmWeeks, week, lastWeeks }: EpiCurveProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const build = useMemo(() => {
    // The categories run from the first week of the series to the last judged week, so that weeks
    // judged after the signal's week (the run's later weeks) show too.
    const lastSeries = addWeeks(series.firstWeek, series.counts.length - 1);
    const lastJudged = judged.length ? judged[judged.length - 1].week : lastSeries;
    const last = lastJudged > lastSeries ? lastJudged : lastSeries;
    const all = weekRange(series.firstWeek, weeksBetween(series.firstWeek, last) + 1);
    const skip = lastWeeks ? Math.max(0, all.length - lastWeeks) : 0;
    const weeks = all.slice(skip);
    const byWeek = new Map(judged.map((j) => [j.week, j]));
    const alarms = new Set(alarmWeeks);
    const counts = weeks.map((w, k) => {
      const i = k + skip;
      return i < series.counts.length ? series.counts[i] : (byWeek.get(w)?.observed ?? null);
    });
    const expected = weeks.map((w) => byWeek.get(w)?.expected ?? null);
    const bound = weeks.map((w) => byWeek.get(w)?.upperbound ?? null);
    const names = { cases: t('curve.cases'), expected: t('curve.expected'), bound: t('curve.upperBound'), alarm: t('curve.alarm') };
    const judgedWeeks = judged.map((j) => j.week);
    return (): Option => ({
      animation: false,
      textStyle: { fontFamily: font() },
      grid: { left: 48, right: 20, top: 52, bottom: 44 },
      legend: { top: 4, right: 16, itemGap: 18, textStyle: { color: '#34414f' }, data: [names.cases, names.expected, names.bound, names.alarm] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        formatter: (ps: { dataIndex: number }[]) => {
          const i = ps[0]?.dataIndex ?? 0;
          const w = weeks[i];
          const rows = [
            `<div style="font-weight:600">${escapeHtml(periodLabel(w, t, f))}</div>`,
            `<div style="color:#8593a3;margin-bottom:4px">${escapeHtml(weekDays(w, f))}</div>`,
            `<div>${escapeHtml(t('common.labelValue', { label: names.cases, value: f.number(counts[i]) }))}</div>`,
          ];
          if (expected[i] != null) rows.push(`<div>${escapeHtml(t('common.labelValue', { label: names.expected, value: decimal(expected[i], f) }))}</div>`);
          if (bound[i] != null) rows.push(`<div>${escapeHtml(t('common.labelValue', { label: names.bound, value: decimal(bound[i], f) }))}</div>`);
          if (alarms.has(w)) rows.push(`<div style="color:${COLORS.alarm};font-weight:600">${escapeHtml(names.alarm)}</div>`);
          return rows.join('');
        },
      },
      xAxis: {
        type: 'category',
        data: weeks,
        axisLabel: { color: COLORS.label, fontSize: 11, formatter: (w: string) => weekShort(w, t), hideOverlap: true },
        axisTick: { alignWithLabel: true },
        axisLine: { lineStyle: { color: COLORS.axis } },
      },
      yAxis: valueAxis(f, t('curve.casesPerWeek')),
      series: [
        {
          name: names.cases,
          type: 'bar',
          barCategoryGap: '18%',
          data: counts.map((c, i) => ({
            value: c,
            itemStyle: {
              color: alarms.has(weeks[i]) ? COLORS.alarm : COLORS.bar,
              borderColor: weeks[i] === week ? '#5c0f0a' : undefined,
              borderWidth: weeks[i] === week ? 1.5 : 0,
            },
          })),
          itemStyle: { color: COLORS.bar },
          markArea: judgedWeeks.length
            ? {
                silent: true,
                itemStyle: { color: COLORS.judged },
                data: [[{ xAxis: judgedWeeks[0] }, { xAxis: judgedWeeks[judgedWeeks.length - 1] }]],
              }
            : undefined,
          z: 2,
        },
        {
          name: names.expected,
          type: 'line',
          data: expected,
          connectNulls: false,
          symbol: 'circle',
          symbolSize: 6,
          lineStyle: { color: COLORS.expected, width: 2.5 },
          itemStyle: { color: COLORS.expected },
          z: 3,
        },
        {
          name: names.bound,
          type: 'line',
          data: bound,
          connectNulls: false,
          symbol: 'emptyCircle',
          symbolSize: 5,
          lineStyle: { color: COLORS.bound, width: 2.5, type: 'dashed' },
          itemStyle: { color: COLORS.bound },
          z: 3,
        },
        {
          name: names.alarm,
          type: 'scatter',
          symbol: 'triangle',
          symbolRotate: 180,
          symbolSize: 11,
          symbolOffset: [0, -12],
          itemStyle: { color: COLORS.alarm },
          data: weeks.map((w, i) => (alarms.has(w) ? [i, counts[i] ?? 0] : null)).filter(Boolean),
          z: 4,
        },
      ],
    });
  }, [series, judged, alarmWeeks, week, lastWeeks, t, f]);
  const el = useChart(build);
  return <div ref={el} className="chart chart-tall" role="img" aria-label={t('curve.ariaLabel')} data-testid="epi-curve" />;
}
