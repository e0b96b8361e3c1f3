import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { COLORS, font, useChart, valueAxis, type Option } from '../app/charts/chartKit';

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
