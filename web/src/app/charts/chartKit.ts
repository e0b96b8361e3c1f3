/**
 * What the charts of the early-warning, notification and directory pages share: the ECharts parts
 * all of them draw with (registered here; each chart module registers its own series and features),
 * their colours, the hook that keeps a chart on a div, and the axis and tooltip helpers.
 *
 * ECharts is large: import this module only from chart modules that are themselves loaded lazily
 * (through a dynamic `import()`), so that it stays out of the main bundle.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Formatters } from '../../i18n/format';

// The parts every chart draws with. A chart module registers the series and features it adds
// (echarts.use is idempotent), so that a page loads only the ECharts code its charts use.
echarts.use([GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** The palette of the charts. */
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

/** Text made safe to put in the HTML of a tooltip. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** An ECharts option, built by each chart. */
export type Option = Record<string, unknown>;

/** An ECharts instance on a div: the option is rebuilt from the size whenever it changes. */
export function useChart(build: (width: number, height: number) => Option) {
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

/** The page's font, for the canvas (undefined outside a browser). */
export const font = () => (typeof document !== 'undefined' ? getComputedStyle(document.body).fontFamily : undefined);

/** A count axis with its numbers written the UI language's way (1.500 in Vietnamese, 1,500 in English). */
export const valueAxis = (f: Formatters, name?: string) => ({
  type: 'value',
  minInterval: 1,
  name,
  nameTextStyle: { color: COLORS.label, align: 'left' },
  axisLabel: { color: COLORS.label, fontSize: 11, formatter: (v: number) => f.number(v) },
  splitLine: { lineStyle: { color: COLORS.grid, type: 'dashed' } },
});
