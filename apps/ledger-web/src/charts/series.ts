import type {
  Comparison,
  ImprovementDetail,
  OfferingAnalytics,
  OfferingTrend,
  ServiceLevel,
} from '../api/types';
import { formatPeriod, monthsBetween } from '../format/period';

/** One warranty metric of an offering, month by month: what was achieved against the target. */
export interface MetricSeries {
  metric: string;
  unit: string;
  comparison: Comparison | undefined;
  /** Every month from the first to the last of the trend (`YYYY-MM`), gaps included. */
  months: string[];
  /** The mean measured value of each month; null where nothing was measured. */
  achieved: (number | null)[];
  /** The target in force in each month; the warranty's target where the month names none. */
  target: (number | null)[];
  /** Breached periods in each month. */
  breaches: number[];
}

/** The metrics to chart: the warranty's, then any other the analytics or the trend know. */
export function metricsOf(
  levels: readonly ServiceLevel[],
  analytics: OfferingAnalytics | undefined,
  trend: OfferingTrend | undefined,
): string[] {
  const seen = new Set(levels.map((l) => l.metric));
  const others = new Set<string>();
  for (const metric of Object.keys(analytics?.serviceLevels ?? {})) others.add(metric);
  for (const month of trend?.months ?? []) {
    for (const metric of Object.keys(month.serviceLevels ?? {})) others.add(metric);
  }
  return [
    ...levels.map((l) => l.metric),
    ...[...others].filter((m) => !seen.has(m)).sort((a, b) => a.localeCompare(b)),
  ];
}

export function metricSeries(
  trend: OfferingTrend,
  metric: string,
  level: ServiceLevel | undefined,
  summary?: { unit?: string; comparison?: Comparison; target?: number },
): MetricSeries {
  const byMonth = new Map(trend.months.map((m) => [m.month, m.serviceLevels?.[metric]]));
  const known = trend.months.map((m) => m.month).sort();
  const months = known.length === 0 ? [] : monthsBetween(known[0], known[known.length - 1]);
  const fallbackTarget = level?.target ?? summary?.target ?? null;
  return {
    metric,
    unit: level?.unit ?? summary?.unit ?? '',
    comparison: level?.comparison ?? summary?.comparison,
    months,
    achieved: months.map((m) => numberOrNull(byMonth.get(m)?.mean)),
    target: months.map((m) => numberOrNull(byMonth.get(m)?.target) ?? fallbackTarget),
    breaches: months.map((m) => byMonth.get(m)?.breaches ?? 0),
  };
}

/** The months with at least one breach, with the value achieved there (for the chart's marks). */
export function breachMarks(series: MetricSeries): { month: string; value: number | null }[] {
  return series.months
    .map((month, i) => ({ month, value: series.achieved[i], breaches: series.breaches[i] }))
    .filter((m) => m.breaches > 0)
    .map(({ month, value }) => ({ month, value }));
}

/** An improvement's metric before and after it was implemented, period by period. */
export interface BeforeAfterSeries {
  labels: string[];
  before: (number | null)[];
  after: (number | null)[];
  baseline: number | null;
  target: number;
}

export function beforeAfterSeries(detail: ImprovementDetail): BeforeAfterSeries {
  const before = [...(detail.measurements?.before ?? [])].sort(byStart);
  const after = [...(detail.measurements?.after ?? [])].sort(byStart);
  return {
    labels: [...before, ...after].map((m) => formatPeriod(m.period)),
    before: [...before.map((m) => m.actual), ...after.map(() => null)],
    after: [...before.map(() => null), ...after.map((m) => m.actual)],
    baseline: detail.baseline,
    target: detail.target,
  };
}

function byStart(a: { period: { start: string } }, b: { period: { start: string } }): number {
  return a.period.start.localeCompare(b.period.start);
}

function numberOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
