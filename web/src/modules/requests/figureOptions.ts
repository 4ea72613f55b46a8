/** Chart options of the requests figures: status breakdown and the monthly trend. */
import type { TFunction } from 'i18next';
import { REQUEST_STATUSES } from '../../../../common/requests/lifecycle.ts';
import type { EChartsCoreOption } from '../stats/echarts.ts';
import { STATUS_HEX } from './labels.tsx';
import type { Figures } from './types.ts';

/** Doughnut of requests per status, in the tags' colours. */
export function statusOption(t: TFunction, byStatus: Figures['byStatus']): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}<br/>{c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['42%', '70%'],
        center: ['50%', '45%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { show: true, position: 'inside', formatter: '{c}', color: '#fff', fontWeight: 600 },
        labelLine: { show: false },
        data: REQUEST_STATUSES.filter((s) => (byStatus[s] ?? 0) > 0).map((s) => ({
          name: t(`enums.requestStatus.${s}`),
          value: byStatus[s],
          itemStyle: { color: STATUS_HEX[s] },
        })),
      },
    ],
  };
}

/** Monthly requests (bars) with completion and satisfaction rates (lines, right axis). */
export function trendOption(t: TFunction, groups: Figures['groups']): EChartsCoreOption {
  const months = [...groups].sort((a, b) => a.key.localeCompare(b.key));
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 24, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: months.map((g) => g.name || g.key) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: t('figures.total'), type: 'bar', data: months.map((g) => g.total), itemStyle: { color: '#c41d1d' } },
      {
        name: t('figures.completionRate'),
        type: 'line',
        yAxisIndex: 1,
        data: months.map((g) => pct(g.completionRate)),
        itemStyle: { color: '#52c41a' },
      },
      {
        name: t('figures.satisfactionRate'),
        type: 'line',
        yAxisIndex: 1,
        data: months.map((g) => pct(g.satisfactionRate)),
        itemStyle: { color: '#faad14' },
      },
    ],
  };
}
