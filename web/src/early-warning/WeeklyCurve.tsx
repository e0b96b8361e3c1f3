import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { COLORS, escapeHtml, font, useChart, valueAxis, type Option } from '../app/charts/chartKit';
import { periodLabel, weekDays, weekShort } from './names';

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
