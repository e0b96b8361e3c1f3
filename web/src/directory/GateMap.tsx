import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { EffectScatterChart, LinesChart, ScatterChart } from 'echarts/charts';
import { LabelLayout } from 'echarts/features';
import type { Facility, Gate, LatLon } from '../api/types';
import { boundsOf, fitAspect, type Bounds } from './geo';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { COLORS, escapeHtml, font, useChart, type Option } from '../app/charts/chartKit';

// What the map draws with beyond the parts the chart kit registers.
echarts.use([ScatterChart, EffectScatterChart, LinesChart, LabelLayout]);

export const VN_COLOR = '#0b5f7a';
export const CN_COLOR = '#c2410c';
const FACILITY_COLOR = '#6b7a8c';
const LINE_COLOR = '#8a97a6';

/** Grid margins in pixels; the plot area between them is kept aspect-correct. */
const GRID = { left: 66, right: 28, top: 44, bottom: 46 };

interface GatePoint {
  value: [number, number];
  name: string;
  gate: Gate;
}

interface FacilityPoint {
  value: [number, number];
  name: string;
  facility: Facility;
}

export function GateMap({
  gates,
  facilities = [],
  focus,
  small = false,
  bounds: fixedBounds,
}: {
  gates: readonly Gate[];
  facilities?: readonly Facility[];
  /** A gate to emphasise (rippling markers). */
  focus?: string;
  small?: boolean;
  /** Show this box instead of one fitted to every point. */
  bounds?: Bounds | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();

  const placedFacilities = useMemo(() => facilities.filter((x) => x.coordinates), [facilities]);
  const bounds = useMemo(() => {
    if (fixedBounds) return fixedBounds;
    // Frame the gates; facilities further inland fall outside and are clipped.
    const pts: LatLon[] = [];
    for (const g of gates) pts.push(g.vn.coordinates, g.cn.coordinates);
    if (!pts.length) for (const x of placedFacilities) pts.push(x.coordinates!);
    return boundsOf(pts, 0.12, 0.05);
  }, [gates, placedFacilities, fixedBounds]);

  // The option depends on the language (labels) and the data; the axis ranges also on the size.
  const option = useMemo(() => {
    const side = (which: 'vn' | 'cn', g: Gate): GatePoint => ({
      value: [g[which].coordinates.lon, g[which].coordinates.lat],
      name: f.text(g[which].name),
      gate: g,
    });
    const regular = gates.filter((g) => g.id !== focus);
    const focused = gates.filter((g) => g.id === focus);
    const tooltip = (p: { data?: GatePoint | FacilityPoint; seriesType?: string }) => {
      const d = p.data;
      if (!d) return '';
      if ('facility' in d) {
        const x = d.facility;
        return `<strong>${escapeHtml(f.text(x.names))}</strong><br/>${escapeHtml(enumLabel(t, 'facilityKind', x.kind))} · ${escapeHtml(x.party)}`;
      }
      const g = d.gate;
      const modes = g.modes.map((m) => enumLabel(t, 'gateMode', m));
      return [
        `<div style="min-width:220px">`,
        g.names ? `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(f.text(g.names))}</div>` : '',
        `<div><span style="color:${VN_COLOR}">●</span> <strong>${escapeHtml(f.text(g.vn.name))}</strong> <span style="color:#8593a3">(${escapeHtml(t('map.vnSide'))})</span></div>`,
        `<div><span style="color:${CN_COLOR}">●</span> <strong>${escapeHtml(f.text(g.cn.name))}</strong> <span style="color:#8593a3">(${escapeHtml(t('map.cnSide'))})</span></div>`,
        `<div style="margin-top:4px">${escapeHtml(t('common.labelValue', { label: t('gates.status'), value: enumLabel(t, 'gateStatus', g.status) }))}</div>`,
        modes.length ? `<div>${escapeHtml(t('common.labelValue', { label: t('gates.modes'), value: f.list(modes) }))}</div>` : '',
        `</div>`,
      ].join('');
    };
    const label = (position: 'left' | 'right') => ({
      show: true,
      position,
      distance: 6,
      formatter: (p: { name: string }) => p.name,
      fontSize: 11.5,
      color: COLORS.text,
      textBorderColor: '#fff',
      textBorderWidth: 3,
    });
    const vnName = t('map.vnGates');
    const cnName = t('map.cnGates');
    const facName = t('map.facilities');
    const series: Record<string, unknown>[] = [
      {
        name: t('map.pairs'),
        type: 'lines',
        coordinateSystem: 'cartesian2d',
        silent: true,
        lineStyle: { color: LINE_COLOR, width: 1.5, type: 'dashed', opacity: 0.9 },
        data: gates.map((g) => ({
          coords: [
            [g.vn.coordinates.lon, g.vn.coordinates.lat],
            [g.cn.coordinates.lon, g.cn.coordinates.lat],
          ],
        })),
        z: 1,
      },
      {
        name: facName,
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 7,
        itemStyle: { color: FACILITY_COLOR, opacity: 0.75 },
        clip: true,
        data: placedFacilities.map<FacilityPoint>((x) => ({ value: [x.coordinates!.lon, x.coordinates!.lat], name: f.text(x.names), facility: x })),
        z: 2,
      },
      {
        name: vnName,
        type: 'scatter',
        // A ring for Vietnam and a filled square for China: the two sides of a pair lie a few
        // hundred metres apart, so at regional scale one marker sits inside the other.
        symbolSize: 15,
        itemStyle: { color: 'rgba(255,255,255,0.6)', borderColor: VN_COLOR, borderWidth: 2.5 },
        label: label('left'),
        labelLayout: { hideOverlap: true },
        data: regular.map((g) => side('vn', g)),
        z: 3,
      },
      {
        name: cnName,
        type: 'scatter',
        symbol: 'rect',
        symbolSize: 7,
        itemStyle: { color: CN_COLOR },
        label: label('right'),
        labelLayout: { hideOverlap: true },
        data: regular.map((g) => side('cn', g)),
        z: 3,
      },
    ];
    if (focused.length) {
      series.push(
        {
          name: vnName,
          type: 'effectScatter',
          symbolSize: 16,
          rippleEffect: { scale: 2.6, brushType: 'stroke' },
          itemStyle: { color: 'rgba(255,255,255,0.6)', borderColor: VN_COLOR, borderWidth: 2.5 },
          label: { ...label('left'), fontWeight: 'bold', fontSize: 13 },
          data: focused.map((g) => side('vn', g)),
          z: 4,
        },
        {
          name: cnName,
          type: 'effectScatter',
          symbol: 'rect',
          symbolSize: 8,
          rippleEffect: { scale: 3, brushType: 'fill' },
          itemStyle: { color: CN_COLOR },
          label: { ...label('right'), fontWeight: 'bold', fontSize: 13 },
          data: focused.map((g) => side('cn', g)),
          z: 4,
        },
      );
    }
    const tick = (key: 'geo.lonTick' | 'geo.latTick') => (v: number) => t(key, { value: f.number(Math.round(v * 100) / 100) });
    const axis = (name: 'geo.longitude' | 'geo.latitude', key: 'geo.lonTick' | 'geo.latTick', nameGap: number) => ({
      type: 'value',
      splitNumber: small ? 4 : 6,
      name: t(name),
      nameLocation: 'middle',
      nameGap,
      nameTextStyle: { color: COLORS.label },
      axisLabel: { formatter: tick(key), color: COLORS.label, fontSize: 11, showMinLabel: false, showMaxLabel: false, hideOverlap: true },
      splitLine: { lineStyle: { color: COLORS.grid, type: 'dashed' } },
      axisLine: { lineStyle: { color: COLORS.axis } },
    });
    return {
      animation: false,
      textStyle: { fontFamily: font() },
      grid: { ...GRID },
      legend: {
        top: 8,
        left: GRID.left,
        itemGap: 18,
        data: [vnName, cnName, ...(placedFacilities.length ? [facName] : [])],
        textStyle: { color: '#34414f' },
      },
      tooltip: { trigger: 'item', confine: true, formatter: tooltip },
      xAxis: axis('geo.longitude', 'geo.lonTick', 28),
      yAxis: axis('geo.latitude', 'geo.latTick', 50),
      series,
    };
  }, [gates, placedFacilities, focus, small, f, t]);

  // The axis ranges keep the plot area aspect-correct, so they follow the chart's size.
  const build = useCallback(
    (width: number, height: number): Option => {
      const b = bounds ? fitAspect(bounds, width - GRID.left - GRID.right, height - GRID.top - GRID.bottom) : null;
      return {
        ...option,
        xAxis: { ...option.xAxis, ...(b ? { min: b.minLon, max: b.maxLon } : {}) },
        yAxis: { ...option.yAxis, ...(b ? { min: b.minLat, max: b.maxLat } : {}) },
      };
    },
    [option, bounds],
  );
  const el = useChart(build);

  return <div ref={el} className={small ? 'gate-map small' : 'gate-map'} role="img" aria-label={t('map.ariaLabel')} data-testid="gate-map" />;
}

export default GateMap;
