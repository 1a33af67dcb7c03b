import { parseIsoInstant } from '../shared/iso-time';

/** One unretracted service level measurement of the improvement's metric on its subject. */
export interface MeasuredPeriod {
  measurementId: string;
  period: { start: string; end: string };
  actual: number;
}

/** How many of the last measured periods before a proposal make its measured baseline. */
export const BASELINE_PERIODS = 3;

/** A value the ledger measured itself, with the measurements it is the mean of. */
export interface MeasuredValue {
  value: number;
  measurementIds: string[];
}

/**
 * Where are we now: the mean actual of the last {@link BASELINE_PERIODS} periods (in period
 * order, not recording order) that ended by `proposedAt`. Undefined when there are none.
 */
export function measuredBaseline(
  periods: readonly MeasuredPeriod[],
  proposedAt: string,
): MeasuredValue | undefined {
  const limit = instant(proposedAt);
  const before = periods.filter((p) => instant(p.period.end) <= limit);
  return meanOf(byPeriodStart(before).slice(-BASELINE_PERIODS));
}

/**
 * Did we get there: the mean actual of every period that starts at or after `implementedAt`
 * (a period that began before the change would mix old and new). Undefined when there are none.
 */
export function measuredActual(
  periods: readonly MeasuredPeriod[],
  implementedAt: string,
): MeasuredValue | undefined {
  const limit = instant(implementedAt);
  return meanOf(byPeriodStart(periods.filter((p) => instant(p.period.start) >= limit)));
}

function byPeriodStart(periods: readonly MeasuredPeriod[]): MeasuredPeriod[] {
  return [...periods].sort(
    (a, b) =>
      instant(a.period.start) - instant(b.period.start) ||
      a.measurementId.localeCompare(b.measurementId),
  );
}

function meanOf(periods: readonly MeasuredPeriod[]): MeasuredValue | undefined {
  if (periods.length === 0) return undefined;
  const sum = periods.reduce((total, p) => total + p.actual, 0);
  return { value: sum / periods.length, measurementIds: periods.map((p) => p.measurementId) };
}

function instant(text: string): number {
  const at = parseIsoInstant(text);
  if (at === undefined) throw new RangeError(`not an ISO-8601 instant: ${text}`);
  return at;
}
