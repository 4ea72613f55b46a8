/** Chart options of the activity figures: activities held and hours by month, and a group's bars. */
import type { TFunction } from 'i18next';
import type { EChartsCoreOption } from '../stats/echarts.ts';
import type { ActivityFigures } from './types.ts';

type Group = ActivityFigures['groups'][number];

/** 人次 and 实事 (bars) with activities held and volunteer hours (lines, right axis), month by month. */
export function monthOption(t: TFunction, groups: Group[]): EChartsCoreOption {
  const months = [...groups].sort((a, b) => a.key.localeCompare(b.key));
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: months.map((g) => g.name || g.key) },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('activityPages.figures.personTimes') },
      { type: 'value', minInterval: 1, name: t('activityPages.figures.heldAndHours') },
    ],
    series: [
      {
        name: t('activityPages.figures.personTimes'),
        type: 'bar',
        data: months.map((g) => g.personTimes),
        itemStyle: { color: '#1677ff' },
      },
      {
        name: t('activityPages.figures.deeds'),
        type: 'bar',
        data: months.map((g) => g.deeds),
        itemStyle: { color: '#fa8c16' },
      },
      {
        name: t('activityPages.figures.held'),
        type: 'line',
        yAxisIndex: 1,
        data: months.map((g) => g.held),
        itemStyle: { color: '#c41d1d' },
      },
      {
        name: t('activityPages.figures.hours'),
        type: 'line',
        yAxisIndex: 1,
        data: months.map((g) => Math.round(g.hours * 10) / 10),
        itemStyle: { color: '#722ed1' },
      },
    ],
  };
}

/** Horizontal bars of 人次 and 实事 per team, village or kind. */
export function groupOption(
  t: TFunction,
  groups: Group[],
  colours?: (g: Group) => string | undefined,
): EChartsCoreOption {
  const sorted = [...groups].sort((a, b) => a.personTimes - b.personTimes);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 36, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: sorted.map((g) => g.name || g.key) },
    series: [
      {
        name: t('activityPages.figures.personTimes'),
        type: 'bar',
        itemStyle: { color: '#1677ff' },
        data: sorted.map((g) => {
          const color = colours?.(g);
          return color ? { value: g.personTimes, itemStyle: { color } } : g.personTimes;
        }),
      },
      {
        name: t('activityPages.figures.deeds'),
        type: 'bar',
        data: sorted.map((g) => g.deeds),
        itemStyle: { color: '#fa8c16' },
      },
    ],
  };
}
