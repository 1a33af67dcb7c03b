import { formatMonth } from '../format/period';
import { type BeforeAfterSeries, breachMarks, type MetricSeries } from './series';

/** The subset of an ECharts option the dashboard builds (kept as plain data, so it is testable). */
export type ChartOption = Record<string, unknown>;

const ACHIEVED = '#1f6feb';
const TARGET = '#6e7781';
const BREACH = '#cf222e';
const AFTER = '#1a7f37';

/** Achieved (monthly mean) against target for one warranty metric; breached months in red. */
export function metricChartOption(series: MetricSeries): ChartOption {
  const labels = series.months.map(formatMonth);
  const marks = breachMarks(series);
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['achieved', 'target', 'breached'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', scale: true, name: series.unit, nameGap: 12 },
    series: [
      {
        name: 'achieved',
        type: 'line',
        data: series.achieved,
        color: ACHIEVED,
        connectNulls: false,
        symbolSize: 7,
        label: { show: true, position: 'top', fontSize: 11 },
      },
      {
        name: 'target',
        type: 'line',
        step: 'middle',
        data: series.target,
        color: TARGET,
        symbol: 'none',
        lineStyle: { type: 'dashed' },
      },
      {
        name: 'breached',
        type: 'scatter',
        color: BREACH,
        symbol: 'diamond',
        symbolSize: 16,
        // Drawn over the achieved line, so a breached month stands out.
        z: 5,
        data: marks.map((m) => [formatMonth(m.month), m.value]),
      },
    ],
  };
}

/** An improvement's metric, periods before implementation and after, with baseline and target. */
export function beforeAfterChartOption(series: BeforeAfterSeries, unit = ''): ChartOption {
  const lines: Record<string, unknown>[] = [
    { name: 'target', yAxis: series.target, lineStyle: { color: AFTER, type: 'dashed' } },
  ];
  if (series.baseline !== null) {
    lines.push({
      name: 'baseline',
      yAxis: series.baseline,
      lineStyle: { color: TARGET, type: 'dotted' },
    });
  }
  return {
    aria: { enabled: true },
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: ['before', 'after'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: series.labels, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', scale: true, name: unit },
    series: [
      {
        name: 'before',
        type: 'line',
        data: series.before,
        color: TARGET,
        label: { show: true, position: 'top', fontSize: 11 },
        markLine: {
          symbol: 'none',
          label: { formatter: '{b}: {c}', position: 'insideEndTop' },
          data: lines,
        },
      },
      {
        name: 'after',
        type: 'line',
        data: series.after,
        color: AFTER,
        label: { show: true, position: 'top', fontSize: 11 },
      },
    ],
  };
}
