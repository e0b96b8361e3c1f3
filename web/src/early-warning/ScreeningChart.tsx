import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { COLORS, font, useChart, valueAxis, type Option } from '../app/charts/chartKit';

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
