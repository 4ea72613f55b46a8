/** Chart options for the dashboard. */
import type { Overview } from '../../../../common/stats/schemas.ts';
import { colourHex } from '../../components/ColourTag.tsx';
import type { EChartsCoreOption } from './echarts.ts';

/** Doughnut of members per team, each slice in the team's colour. */
export function teamsOption(teams: Overview['teamsBreakdown']): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}<br/>{c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['42%', '70%'],
        center: ['50%', '45%'],
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: { formatter: '{c}' },
        data: teams.map((team) => ({
          name: team.name,
          value: team.members,
          itemStyle: { color: colourHex(team.colour) },
        })),
      },
    ],
  };
}

/** Horizontal bars of the ten villages with most members. */
export function villagesOption(villages: Overview['villagesBreakdown']): EChartsCoreOption {
  const top = [...villages]
    .sort((a, b) => b.members - a.members)
    .slice(0, 10)
    .reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((v) => v.name) },
    series: [
      {
        type: 'bar',
        data: top.map((v) => v.members),
        barMaxWidth: 22,
        itemStyle: { color: '#c41d1d', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right' },
      },
    ],
  };
}
