/**
 * The notification charts, drawn with ECharts on a canvas: a shared signal's curve (counts, expected,
 * upper bound, alarms) and the timeliness of notifications (median and 90th percentile per interval).
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { COLORS, font, useChart, valueAxis, type Option } from '../app/charts/chartKit';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import type { CurvePoint, IntervalStats } from './api';

// What these charts draw with beyond the parts the chart kit registers.
echarts.use([BarChart, LineChart, MarkLineComponent]);

/** The timeliness chart's bars: the median in the colour of the expected counts, the 90th percentile in that of the bound. */
const TIMELINESS_COLORS = { median: COLORS.expected, p90: COLORS.bound };

/** A shared signal's curve: observed counts (alarms in red), expected and upper bound. */
export function SignalCurve({ curve }: { curve: CurvePoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const build = useCallback((): Option => {
    const names = { cases: t('curve.cases'), expected: t('curve.expected'), bound: t('curve.upperBound') };
    return {
      animation: false,
      textStyle: { fontFamily: font() },
      grid: { left: 48, right: 20, top: 40, bottom: 40 },
      legend: { top: 4, right: 16, data: [names.cases, names.expected, names.bound] },
      tooltip: { trigger: 'axis', confine: true },
      xAxis: { type: 'category', data: curve.map((p) => p.t), axisLabel: { color: COLORS.label, fontSize: 11, hideOverlap: true }, axisLine: { lineStyle: { color: COLORS.axis } } },
      yAxis: valueAxis(f),
      series: [
        { name: names.cases, type: 'bar', data: curve.map((p) => ({ value: p.observed, itemStyle: { color: p.alarm ? COLORS.alarm : COLORS.bar } })), itemStyle: { color: COLORS.bar } },
        { name: names.expected, type: 'line', data: curve.map((p) => p.expected), connectNulls: false, lineStyle: { color: COLORS.expected, width: 2 }, itemStyle: { color: COLORS.expected } },
        { name: names.bound, type: 'line', data: curve.map((p) => p.upperbound), connectNulls: false, lineStyle: { color: COLORS.bound, width: 2, type: 'dashed' }, itemStyle: { color: COLORS.bound } },
      ],
    };
  }, [curve, t, f]);
  const el = useChart(build);
  return <div ref={el} className="chart" data-testid="signal-curve" role="img" aria-label={t('notifications.signal.curve')} />;
}

/** Median and 90th percentile of each interval (in seconds, minutes or hours, as the data need), with the 24-hour line. */
export function TimelinessChart({ intervals, stats }: { intervals: string[]; stats: Record<string, IntervalStats> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const build = useCallback((): Option => {
    // The unit follows the data: seconds, minutes or hours (with the 24-hour line).
    const max = Math.max(0, ...intervals.map((i) => stats[i]?.p90Seconds ?? 0));
    const unit = max >= 3600 ? 'hours' : max >= 60 ? 'minutes' : 'seconds';
    const per = unit === 'hours' ? 3600 : unit === 'minutes' ? 60 : 1;
    const hours = (s: number | null | undefined) => (s == null ? null : Math.round((s / per) * 100) / 100);
    const names = { median: t('notifications.timeliness.median'), p90: t('notifications.timeliness.p90') };
    const unitName = t(`notifications.timeliness.${unit}`);
    return {
      animation: false,
      textStyle: { fontFamily: font() },
      grid: { left: 56, right: 24, top: 40, bottom: 56 },
      legend: { top: 4, right: 16, data: [names.median, names.p90] },
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number | null) => (v == null ? '—' : `${f.number(v)} ${unitName}`) },
      xAxis: { type: 'category', data: intervals.map((i) => enumLabel(t, 'timelinessInterval', i)), axisLabel: { color: COLORS.label, fontSize: 11, interval: 0, width: 120, overflow: 'break' } },
      yAxis: { type: 'value', name: unitName, axisLabel: { color: COLORS.label, formatter: (v: number) => f.number(v) }, splitLine: { lineStyle: { color: COLORS.grid, type: 'dashed' } } },
      series: [
        {
          name: names.median,
          type: 'bar',
          data: intervals.map((i) => hours(stats[i]?.medianSeconds)),
          itemStyle: { color: TIMELINESS_COLORS.median },
          markLine:
            unit === 'hours'
              ? { silent: true, symbol: 'none', lineStyle: { color: COLORS.alarm, type: 'dashed' }, label: { formatter: t('notifications.timeliness.day') }, data: [{ yAxis: 24 }] }
              : undefined,
        },
        { name: names.p90, type: 'bar', data: intervals.map((i) => hours(stats[i]?.p90Seconds)), itemStyle: { color: TIMELINESS_COLORS.p90 } },
      ],
    };
  }, [intervals, stats, t, f]);
  const el = useChart(build);
  return <div ref={el} className="chart" data-testid="timeliness-chart" role="img" aria-label={t('notifications.timeliness.chart')} />;
}
