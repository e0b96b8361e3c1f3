import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatLon } from '../api/types';
import { useFormat } from '../i18n/format';
import { boundsOf, fitAspect } from '../directory/geo';
import { COLORS, escapeHtml, font, useChart, type Option } from '../app/charts/chartKit';
import { decimal } from './names';

/** An area's recent cases, drawn as a circle at its centroid. */
export interface Bubble {
  code: string;
  name: string;
  at: LatLon;
  count: number;
  /** Cases per 100 000 inhabitants, when the population is known. */
  rate: number | null;
}

/** A named point drawn on the map (a border gate). */
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
