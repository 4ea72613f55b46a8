/** Chart options of the care figures: visits by month and recipients by kind. */
import type { TFunction } from 'i18next';
import type { CareFigures } from '../../../../common/care/schemas.ts';
import type { EChartsCoreOption } from '../stats/echarts.ts';
import { KIND_HEX } from './labels.tsx';

/** Visits per month (bars), with problems found and requests raised (lines). */
export function monthOption(t: TFunction, rows: CareFigures['byMonth']): EChartsCoreOption {
  const months = [...rows].sort((a, b) => a.month.localeCompare(b.month));
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 24, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('carePages.figVisits'),
        type: 'bar',
        data: months.map((m) => m.visits),
        itemStyle: { color: '#fa8c16', borderRadius: [4, 4, 0, 0] },
      },
      {
        name: t('carePages.figProblems'),
        type: 'line',
        data: months.map((m) => m.problems),
        itemStyle: { color: '#cf1322' },
      },
      {
        name: t('carePages.figRequests'),
        type: 'line',
        data: months.map((m) => m.requests),
        itemStyle: { color: '#1677ff' },
      },
    ],
  };
}

/** Doughnut of active recipients per kind (a recipient of two kinds counts in both). */
export function kindOption(t: TFunction, rows: CareFigures['byKind']): EChartsCoreOption {
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
        data: rows
          .filter((r) => r.recipients > 0)
          .map((r) => ({
            name: t(`carePages.kindLabels.${r.kind}`),
            value: r.recipients,
            itemStyle: { color: KIND_HEX[r.kind] },
          })),
      },
    ],
  };
}
