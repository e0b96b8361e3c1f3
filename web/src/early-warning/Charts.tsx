/**
 * The early-warning charts, drawn with ECharts on a canvas: the epidemic curve of a signal, the
 * baseline of a gate-screening jump, the weekly curves of the jurisdiction, a bubble map of recent
 * cases by area (longitude/latitude axes, no map file) and a gate's daily screening.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import type { JudgedWeek } from '../api/signals';
import type { LatLon } from '../api/types';
import { useFormat, type Formatters } from '../i18n/format';
import { boundsOf, fitAspect } from '../directory/geo';
import { decimal, periodLabel, weekDays, weekShort } from './names';
import { weekRange, weeksBetween, addWeeks } from './weeks';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, LabelLayout, CanvasRenderer]);

export const COLORS = {
  bar: '#7fa7ba',
  barSoft: '#b9cfda',
  alarm: '#b42318',
  expected: '#0b5f7a',
  bound: '#c2410c',
  grid: '#e6eaef',
  axis: '#c5cdd8',
  label: '#5a6877',
  text: '#1b2733',
  judged: 'rgba(11, 95, 122, 0.06)',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Option = Record<string, unknown>;

/** An ECharts instance on a div: the option is rebuilt from the size whenever it changes. */
function useChart(build: (width: number, height: number) => Option) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    return () => {
      chart.current = null;
      c.dispose();
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    const node = el.current;
    if (!c || !node) return;
    const apply = () => {
      c.resize();
      c.setOption(build(c.getWidth(), c.getHeight()), { notMerge: true });
    };
    apply();
    const ro = new ResizeObserver(() => apply());
    ro.observe(node);
    return () => ro.disconnect();
  }, [build]);
  return el;
}

const font = () => (typeof document !== 'undefined' ? getComputedStyle(document.body).fontFamily : undefined);

/** A count axis with its numbers written the UI language's way (1.500 in Vietnamese, 1,500 in English). */
const valueAxis = (f: Formatters, name?: string) => ({
  type: 'value',
  minInterval: 1,
  name,
  nameTextStyle: { color: COLORS.label, align: 'left' },
  axisLabel: { color: COLORS.label, fontSize: 11, formatter: (v: number) => f.number(v) },
  splitLine: { lineStyle: { color: COLORS.grid, type: 'dashed' } },
});

// ───────────────────────────── epidemic curve ─────────────────────────────

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

// ───────────────────────────── gate screening: the jump rule's baseline ─────────────────────────────

/** The symptomatic travellers of the baseline days and of the judged day, with the upper bound. */
export function GateJumpChart({ dates, counts, date, observed, upperbound }: { dates: string[]; counts: number[]; date: string; observed: number; upperbound: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const build = useMemo(() => {
    const all = [...dates, date];
    const values = [...counts, observed];
    const names = { sym: t('screening.symptomatic'), bound: t('curve.upperBound') };
    return (): Option => ({
      animation: false,
      textStyle: { fontFamily: font() },
      grid: { left: 44, right: 20, top: 40, bottom: 40 },
      legend: { top: 6, left: 40, textStyle: { color: '#34414f' }, data: [names.sym, names.bound] },
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number) => f.number(v) },
      xAxis: {
        type: 'category',
        data: all,
        axisLabel: { color: COLORS.label, fontSize: 11, formatter: (d: string) => f.date(d), hideOverlap: true },
        axisLine: { lineStyle: { color: COLORS.axis } },
      },
      yAxis: valueAxis(f),
      series: [
        {
          name: names.sym,
          type: 'bar',
          data: values.map((v, i) => ({ value: v, itemStyle: { color: i === values.length - 1 ? COLORS.alarm : COLORS.bar } })),
          itemStyle: { color: COLORS.bar },
        },
        {
          name: names.bound,
          type: 'line',
          data: all.map((_, i) => (i === all.length - 1 ? upperbound : null)),
          symbol: 'rect',
          symbolSize: [22, 2],
          lineStyle: { color: COLORS.bound, type: 'dashed' },
          itemStyle: { color: COLORS.bound },
          markLine: { silent: true, symbol: 'none', lineStyle: { color: COLORS.bound, type: 'dashed', width: 2 }, label: { show: false }, data: [{ yAxis: upperbound }] },
        },
      ],
    });
  }, [dates, counts, date, observed, upperbound, t, f]);
  const el = useChart(build);
  return <div ref={el} className="chart" role="img" aria-label={t('curve.jumpAriaLabel')} data-testid="gate-jump-chart" />;
}

// ───────────────────────────── weekly curve of one disease ─────────────────────────────

/** One disease's weekly counts over the jurisdiction, the recent weeks set apart. */
export function WeeklyCurve({ weeks, counts, recentFrom, label }: { weeks: string[]; counts: number[]; recentFrom: string; label: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const build = useMemo(
    () => (): Option => ({
      animation: false,
      textStyle: { fontFamily: font() },
      grid: { left: 40, right: 12, top: 14, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (ps: { dataIndex: number }[]) => {
          const i = ps[0]?.dataIndex ?? 0;
          return `<div style="font-weight:600">${escapeHtml(periodLabel(weeks[i], t, f))}</div><div style="color:#8593a3">${escapeHtml(weekDays(weeks[i], f))}</div><div>${escapeHtml(t('common.labelValue', { label, value: f.number(counts[i]) }))}</div>`;
        },
      },
      xAxis: {
        type: 'category',
        data: weeks,
        axisLabel: { color: COLORS.label, fontSize: 10.5, formatter: (w: string) => weekShort(w, t), hideOverlap: true },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: COLORS.axis } },
      },
      yAxis: { ...valueAxis(f), splitNumber: 3 },
      series: [
        {
          name: label,
          type: 'bar',
          barCategoryGap: '10%',
          data: counts.map((c, i) => ({ value: c, itemStyle: { color: weeks[i] >= recentFrom ? COLORS.expected : COLORS.barSoft } })),
        },
      ],
    }),
    [weeks, counts, recentFrom, label, t, f],
  );
  const el = useChart(build);
  return <div ref={el} className="chart chart-small" role="img" aria-label={t('overview.curveAria', { disease: label })} data-testid="weekly-curve" />;
}

// ───────────────────────────── bubble map ─────────────────────────────

export interface Bubble {
  code: string;
  name: string;
  at: LatLon;
  count: number;
  /** Cases per 100 000 inhabitants, when the population is known. */
  rate: number | null;
}

export interface MapPoint {
  name: string;
  at: LatLon;
}

const GRID = { left: 66, right: 28, top: 40, bottom: 46 };

/** Areas as circles at their centroids, sized by the number of cases, on longitude/latitude axes. */
export function BubbleMap({ bubbles, gates = [] }: { bubbles: Bubble[]; gates?: MapPoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const build = useMemo(() => {
    const max = Math.max(1, ...bubbles.map((b) => b.count));
    const maxRate = Math.max(0, ...bubbles.map((b) => b.rate ?? 0));
    // Frame the areas with cases; gates further away fall outside and are clipped.
    const bounds = boundsOf(bubbles.map((b) => b.at), 0.25, 0.2);
    const size = (n: number) => (n <= 0 ? 6 : 10 + 44 * Math.sqrt(n / max));
    // A calm blue, through amber, to the warning red as the incidence rises.
    const RAMP: [number, number, number][] = [
      [91, 155, 190],
      [226, 160, 62],
      [180, 35, 24],
    ];
    const shade = (rate: number | null) => {
      const k = rate == null || maxRate === 0 ? 0 : Math.min(1, rate / maxRate);
      const [from, to, u] = k < 0.5 ? [RAMP[0], RAMP[1], k * 2] : [RAMP[1], RAMP[2], (k - 0.5) * 2];
      const c = from.map((x, i) => Math.round(x + (to[i] - x) * u));
      return `rgba(${c[0]}, ${c[1]}, ${c[2]}, 0.72)`;
    };
    // Labels of the bubbles in the eastern half go to their left, so that they stay inside the plot.
    const midLon = bounds ? (bounds.minLon + bounds.maxLon) / 2 : 0;
    const names = { cases: t('overview.casesLast4'), gates: t('map.vnGates') };
    const tick = (key: 'geo.lonTick' | 'geo.latTick') => (v: number) => t(key, { value: f.number(Math.round(v * 100) / 100) });
    return (width: number, height: number): Option => {
      const b = bounds ? fitAspect(bounds, width - GRID.left - GRID.right, height - GRID.top - GRID.bottom) : null;
      return {
        animation: false,
        textStyle: { fontFamily: font() },
        grid: { ...GRID },
        legend: { top: 8, left: GRID.left, textStyle: { color: '#34414f' }, data: gates.length ? [names.cases, t('overview.gatesLegend')] : [names.cases] },
        tooltip: {
          trigger: 'item',
          confine: true,
          formatter: (p: { seriesIndex: number; data: { bubble?: Bubble; name?: string } }) => {
            const d = p.data;
            if (!d.bubble) return escapeHtml(d.name ?? '');
            const x = d.bubble;
            return [
              `<div style="font-weight:600">${escapeHtml(x.name)}</div>`,
              `<div>${escapeHtml(t('common.labelValue', { label: t('overview.cases'), value: f.number(x.count) }))}</div>`,
              x.rate != null ? `<div>${escapeHtml(t('common.labelValue', { label: t('overview.rate'), value: decimal(x.rate, f, 1) }))}</div>` : '',
            ].join('');
          },
        },
        xAxis: {
          type: 'value',
          ...(b ? { min: b.minLon, max: b.maxLon } : {}),
          name: t('geo.longitude'),
          nameLocation: 'middle',
          nameGap: 28,
          nameTextStyle: { color: COLORS.label },
          axisLabel: { formatter: tick('geo.lonTick'), color: COLORS.label, fontSize: 11, showMinLabel: false, showMaxLabel: false, hideOverlap: true },
          splitLine: { lineStyle: { color: COLORS.grid, type: 'dashed' } },
          axisLine: { lineStyle: { color: COLORS.axis } },
        },
        yAxis: {
          type: 'value',
          ...(b ? { min: b.minLat, max: b.maxLat } : {}),
          name: t('geo.latitude'),
          nameLocation: 'middle',
          nameGap: 50,
          nameTextStyle: { color: COLORS.label },
          axisLabel: { formatter: tick('geo.latTick'), color: COLORS.label, fontSize: 11, showMinLabel: false, showMaxLabel: false, hideOverlap: true },
          splitLine: { lineStyle: { color: COLORS.grid, type: 'dashed' } },
          axisLine: { lineStyle: { color: COLORS.axis } },
        },
        series: [
          {
            name: t('overview.gatesLegend'),
            type: 'scatter',
            symbol: 'rect',
            symbolSize: 7,
            clip: true,
            itemStyle: { color: '#6b7a8c' },
            data: gates.map((g) => ({ value: [g.at.lon, g.at.lat], name: g.name })),
            z: 3,
          },
          {
            name: names.cases,
            type: 'scatter',
            clip: true,
            itemStyle: { color: 'rgba(84, 146, 178, 0.7)', borderColor: '#fff', borderWidth: 1 },
            data: [...bubbles]
              .sort((a, c) => c.count - a.count)
              .map((x) => ({
                value: [x.at.lon, x.at.lat, x.count],
                name: x.name,
                bubble: x,
                symbolSize: size(x.count),
                itemStyle: { color: shade(x.rate), borderColor: '#fff', borderWidth: 1 },
                label: { position: x.at.lon > midLon ? 'left' : 'right' },
              })),
            label: {
              show: true,
              formatter: (p: { data: { bubble: Bubble } }) => (p.data.bubble.count > 0 ? `${p.data.bubble.name} · ${f.number(p.data.bubble.count)}` : ''),
              fontSize: 11.5,
              color: COLORS.text,
              textBorderColor: '#fff',
              textBorderWidth: 3,
            },
            labelLayout: { hideOverlap: true },
            z: 2,
          },
        ],
      };
    };
  }, [bubbles, gates, t, f]);
  const el = useChart(build);
  return <div ref={el} className="chart chart-map" role="img" aria-label={t('overview.mapAria')} data-testid="bubble-map" />;
}

// ───────────────────────────── a gate's daily screening ─────────────────────────────

/** People screened (bars) and symptomatic travellers (line, right axis) per day. */
export function ScreeningChart({ dates, people, symptomatic }: { dates: string[]; people: number[]; symptomatic: number[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const build = useMemo(() => {
    const names = { people: t('screening.people'), sym: t('screening.symptomatic') };
    return (): Option => ({
      animation: false,
      textStyle: { fontFamily: font() },
      grid: { left: 46, right: 36, top: 30, bottom: 26 },
      legend: { top: 0, left: 40, itemWidth: 14, itemHeight: 8, textStyle: { color: '#34414f', fontSize: 11.5 }, data: [names.people, names.sym] },
      tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number) => f.number(v) },
      xAxis: {
        type: 'category',
        data: dates,
        axisLabel: { color: COLORS.label, fontSize: 10.5, formatter: (d: string) => f.date(d), hideOverlap: true },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: COLORS.axis } },
      },
      yAxis: [
        { ...valueAxis(f), splitNumber: 3 },
        { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { color: COLORS.bound, fontSize: 11, formatter: (v: number) => f.number(v) }, splitLine: { show: false } },
      ],
      series: [
        { name: names.people, type: 'bar', data: people, itemStyle: { color: COLORS.barSoft }, barCategoryGap: '15%' },
        { name: names.sym, type: 'line', yAxisIndex: 1, data: symptomatic, symbol: 'none', lineStyle: { color: COLORS.bound, width: 2 }, itemStyle: { color: COLORS.bound } },
      ],
    });
  }, [dates, people, symptomatic, t, f]);
  const el = useChart(build);
  return <div ref={el} className="chart chart-small" role="img" aria-label={t('overview.screeningAria')} data-testid="screening-chart" />;
}
