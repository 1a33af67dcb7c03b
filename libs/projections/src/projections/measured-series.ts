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
  let at = periods.length;
  // Measurements mostly arrive in period order: usually one comparison with the last.
  while (at > 0) {
    const before = periods[at - 1];
    const order = compareInstants(before[1], period[1]);
    if (!(order > 0 || (order === 0 && before[0] > period[0]))) break;
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

/**
 * Orders two ISO 8601 instants in time: as strings when both are in `toISOString()` form (how
 * the ledger stores instants; no date to parse per measurement), else by the instants they name
 * (v1 periods kept as recorded).
 */
export function compareInstants(a: string, b: string): number {
  if (isStoredForm(a) && isStoredForm(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Date.parse(a) - Date.parse(b);
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, told by its length and separators (as monthOfInstant does). */
function isStoredForm(instant: string): boolean {
  return instant.length === 24 && instant[10] === 'T' && instant[19] === '.' && instant[23] === 'Z';
}
