import { assertNever, TargetComparison } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { ProjectedEvent, Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { retractedFactOf } from '../runner/retracted-facts';
import { improvementIdForBreachStreak } from './breach-streak-improvement-id';
import { dataOf } from './event-data';

/** Breached periods in a row that call for an improvement (`LEDGER_BREACH_STREAK`). */
export const DEFAULT_BREACH_STREAK = 3;

/** One measured period of a series, as the streak needs it. */
interface SeriesMeasurement {
  measurementId: string;
  eventId: string;
  /** UTC instants (v1 periods as recorded: compared by instant, not text). */
  start: number;
  end: string;
  actual: number;
  breached: boolean;
  target: number;
  comparison: TargetComparison;
  unit: string;
}

/** The unretracted measurements of one metric of one offering in one relationship. */
interface Series {
  relationshipId: string;
  offeringId: string;
  metric: string;
  /** In period order (start, then id): streaks follow periods, not the log. */
  measurements: SeriesMeasurement[];
  /** Measurements already part of a streak that was reacted to: a streak is reacted to once. */
  claimed: string[];
  /** Retracted measurements: a second delivery of one must not bring it back. */
  retracted?: string[];
}

/**
 * A streak of breached periods that reached the configured length: the saga proposes one
 * improvement for it, subject the offering. Keyed by the improvement id, which is name-based
 * on the series and the streak's first measurement, so the same streak always gives the same
 * id (restarts, rebuilds and replays propose it once).
 */
export interface BreachStreakTrigger {
  improvementId: string;
  /** The event that completed the streak, and its position (the saga's cue). */
  eventId: string;
  position: string;
  relationshipId: string;
  offeringId: string;
  metric: string;
  /** The streak's measurements, in period order. */
  measurementIds: string[];
  /** Mean of the streak's actuals: the improvement's baseline. */
  baseline: number;
  /** The warranty's target and comparison (of the last period) and its unit. */
  target: number;
  comparison: TargetComparison;
  unit: string;
  /** End of the streak's last period: the target date is 90 days after it. */
  lastPeriodEnd: string;
  correlationId: string | null;
  /** `proposed` once the log holds the improvement. */
  status: 'pending' | 'proposed';
}

const HANDLES = ['ServiceLevelMeasured', 'FactRetracted', 'ImprovementProposed'] as const;
type Handled = (typeof HANDLES)[number];

/**
 * Follows every measured series (one metric of one offering in one relationship) in period
 * order, net of retractions, and records a trigger when N consecutive periods breached their
 * warranty. Durable with its checkpoint, so the saga keeps no state and a restart does not
 * replay history as news.
 */
export class BreachStreaksProjection implements Projection<Handled> {
  static readonly NAME = 'breach-streaks';
  readonly name = BreachStreaksProjection.NAME;
  /**
   * The streak length is part of what `apply` does: another length rebuilds the triggers.
   * 2000+: series keep their retracted ids and no per-measurement index exists (a row per
   * measurement was a third of a rebuild's writes).
   */
  readonly version: number;
  readonly handles = HANDLES;
  readonly collections = [
    { name: 'series' },
    { name: 'triggers', indexes: ['status', 'eventId'] },
  ] as const;

  constructor(readonly streakLength = DEFAULT_BREACH_STREAK) {
    this.version = 2000 + streakLength;
  }

  apply(session: DocumentSession, event: ProjectedEvent<Handled>): void {
    switch (event.type) {
      case 'ServiceLevelMeasured': {
        const d = event.data;
        const key = seriesKey(d.relationshipId, d.offeringId, d.metric);
        const series = session.get<Series>('series', key) ?? {
          relationshipId: d.relationshipId,
          offeringId: d.offeringId,
          metric: d.metric,
          measurements: [],
          claimed: [],
        };
        if (delivered(series, d.measurementId)) return; // delivered twice
        insertInPeriodOrder(series.measurements, {
          measurementId: d.measurementId,
          eventId: event.eventId,
          start: Date.parse(d.period.start),
          end: new Date(Date.parse(d.period.end)).toISOString(),
          actual: d.actual,
          breached: d.breached,
          target: d.target,
          comparison: d.comparison,
          unit: d.unit,
        });
        this.react(session, key, series, event);
        return;
      }
      case 'FactRetracted': {
        const { factId, factType } = event.data;
        // The withdrawn measurement comes with the retraction (runner/retracted-facts): it
        // names its series.
        const fact = retractedFactOf(event);
        if (factType !== 'ServiceLevelMeasured' || fact?.type !== 'ServiceLevelMeasured') return;
        const m = dataOf(fact, 'ServiceLevelMeasured');
        const key = seriesKey(m.relationshipId, m.offeringId, m.metric);
        const series = session.get<Series>('series', key);
        if (!series) return;
        const kept = series.measurements.filter((x) => x.measurementId !== factId);
        if (kept.length === series.measurements.length) return;
        series.measurements = kept;
        (series.retracted ??= []).push(factId);
        // A retraction can join two runs into a streak (the period between them is withdrawn).
        this.react(session, key, series, event);
        return;
      }
      case 'ImprovementProposed': {
        const { improvementId } = event.data;
        const trigger = session.get<BreachStreakTrigger>('triggers', improvementId);
        if (trigger && trigger.status !== 'proposed') {
          trigger.status = 'proposed';
          session.put('triggers', improvementId, trigger);
        }
        return;
      }
      default:
        assertNever(event, 'event');
    }
  }

  /** Records a trigger for each run of N+ breached periods none of which was reacted to yet. */
  private react(session: DocumentSession, key: string, series: Series, event: RecordedEvent): void {
    const claimed = new Set(series.claimed);
    for (const run of breachedRuns(series.measurements)) {
      if (run.length < this.streakLength || run.some((m) => claimed.has(m.measurementId))) continue;
      for (const m of run) claimed.add(m.measurementId);
      const trigger = triggerOf(series, run, event);
      session.put<BreachStreakTrigger>('triggers', trigger.improvementId, trigger);
    }
    series.claimed = [...claimed];
    session.put('series', key, series);
  }
}

/** Whether a measurement already reached its series (kept, or kept and then retracted). */
function delivered(series: Series, measurementId: string): boolean {
  return (
    series.measurements.some((m) => m.measurementId === measurementId) ||
    (series.retracted?.includes(measurementId) ?? false)
  );
}

function seriesKey(relationshipId: string, offeringId: string, metric: string): string {
  return `${relationshipId}:${offeringId}:${metric}`;
}

function insertInPeriodOrder(list: SeriesMeasurement[], m: SeriesMeasurement): void {
  let at = list.length;
  while (
    at > 0 &&
    (list[at - 1].start > m.start ||
      (list[at - 1].start === m.start && list[at - 1].measurementId > m.measurementId))
  ) {
    at -= 1;
  }
  list.splice(at, 0, m);
}

/** Maximal runs of consecutive breached periods, in period order. */
function breachedRuns(measurements: readonly SeriesMeasurement[]): SeriesMeasurement[][] {
  const runs: SeriesMeasurement[][] = [];
  let run: SeriesMeasurement[] = [];
  for (const m of measurements) {
    if (m.breached) {
      run.push(m);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function triggerOf(
  series: Series,
  run: readonly SeriesMeasurement[],
  event: RecordedEvent,
): BreachStreakTrigger {
  const last = run[run.length - 1];
  const { relationshipId, offeringId, metric } = series;
  return {
    improvementId: improvementIdForBreachStreak(
      relationshipId,
      offeringId,
      metric,
      run[0].measurementId,
    ),
    eventId: event.eventId,
    position: event.position,
    relationshipId,
    offeringId,
    metric,
    measurementIds: run.map((m) => m.measurementId),
    baseline: run.reduce((sum, m) => sum + m.actual, 0) / run.length,
    target: last.target,
    comparison: last.comparison,
    unit: last.unit,
    lastPeriodEnd: last.end,
    correlationId: event.metadata.correlationId ?? null,
    status: 'pending',
  };
}
