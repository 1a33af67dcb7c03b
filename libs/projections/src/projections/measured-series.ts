import { TargetComparison } from '@app/domain';
import { MeasuredPeriod } from './trend-fact';

/**
 * One measured period of a series, compact (a series is rewritten each time it grows, and a
 * rebuild writes ~0.2 of them per event): measurement id, period start and end as recorded,
 * the value achieved, whether it breached (1) or not (0), and the target, comparison and unit
 * it was judged against.
 */
export type SeriesPeriod = [
  measurementId: string,
  start: string,
  end: string,
  actual: number,
  breached: 0 | 1,
  target: number,
  comparison: TargetComparison,
  unit: string,
];

/**
 * The unretracted measurements of one metric of one offering in one relationship, in period
 * order (start, then measurement id): what the breach streaks follow and what improvements read
 * as their before/after series and measured baselines.
 */
export interface MeasuredSeries {
  relationshipId: string;
  offeringId: string;
  metric: string;
  periods: SeriesPeriod[];
  /** Measurements already part of a streak that was reacted to: a streak is reacted to once. */
  claimed: string[];
  /** Retracted measurements: a second delivery of one must not bring it back. */
  retracted?: string[];
}

/** Key of a series: a key prefix `<relationshipId>:` lists one relationship's series. */
export function measuredSeriesKey(relationshipId: string, offeringId: string, metric: string) {
  return `${relationshipId}:${offeringId}:${metric}`;
}

/** Inserts in period order: by start instant (v1 periods as recorded), then measurement id. */
export function insertInPeriodOrder(periods: SeriesPeriod[], period: SeriesPeriod): void {
  const start = Date.parse(period[1]);
  let at = periods.length;
  // Measurements mostly arrive in period order: usually one comparison with the last.
  while (at > 0) {
    const before = periods[at - 1];
    const beforeStart = Date.parse(before[1]);
    if (!(beforeStart > start || (beforeStart === start && before[0] > period[0]))) break;
    at -= 1;
  }
  periods.splice(at, 0, period);
}

/** The series' periods as the measured-period queries answer them. */
export function measuredPeriodsIn(series: MeasuredSeries): MeasuredPeriod[] {
  const { relationshipId, offeringId, metric } = series;
  return series.periods.map(
    ([measurementId, start, end, actual, breached, target, comparison, unit]) => ({
      relationshipId,
      measurementId,
      offeringId,
      metric,
      period: { start, end },
      actual,
      target,
      comparison,
      unit,
      breached: breached === 1,
    }),
  );
}
