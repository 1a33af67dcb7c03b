import { assertNever, TargetComparison } from '@app/domain';
import { ProjectedEvent, Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { retractedFactOf } from '../runner/retracted-facts';
import { improvementIdForBreachStreak } from './breach-streak-improvement-id';
import {
  insertInPeriodOrder,
  MeasuredSeries,
  measuredSeriesKey,
  SeriesPeriod,
} from './measured-series';

/** Breached periods in a row that call for an improvement (`LEDGER_BREACH_STREAK`). */
export const DEFAULT_BREACH_STREAK = 3;

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
 * replay history as news. Its `series` are also where improvements read measured periods
 * (queries/measured-periods-of): one copy of every measurement, indexed by offering.
 */
export class BreachStreaksProjection implements Projection<Handled> {
  static readonly NAME = 'breach-streaks';
  readonly name = BreachStreaksProjection.NAME;
  /**
   * The streak length is part of what `apply` does: another length rebuilds the triggers.
   * 3000+: series of compact periods (SeriesPeriod) with their start and end as recorded,
   * indexed by offering: they replace the offering trend's row per measurement.
   */
  readonly version: number;
  readonly handles = HANDLES;
  readonly collections = [
    { name: 'series', indexes: ['offeringId'] },
    { name: 'triggers', indexes: ['status', 'eventId'] },
  ] as const;

  constructor(readonly streakLength = DEFAULT_BREACH_STREAK) {
    this.version = 3000 + streakLength;
  }

  apply(session: DocumentSession, event: ProjectedEvent<Handled>): void {
    switch (event.type) {
      case 'ServiceLevelMeasured': {
        const d = event.data;
        const key = measuredSeriesKey(d.relationshipId, d.offeringId, d.metric);
        const series = session.get<MeasuredSeries>('series', key) ?? {
          relationshipId: d.relationshipId,
          offeringId: d.offeringId,
          metric: d.metric,
          periods: [],
          claimed: [],
        };
        if (delivered(series, d.measurementId)) return; // delivered twice
        insertInPeriodOrder(series.periods, [
          d.measurementId,
          d.period.start,
          d.period.end,
          d.actual,
          d.breached ? 1 : 0,
          d.target,
          d.comparison,
          d.unit,
        ]);
        // A period that met its target only splits runs: no new streak to look for.
        if (d.breached) this.react(session, series, event);
        session.put('series', key, series);
        return;
      }
      case 'FactRetracted': {
        const { factId, factType } = event.data;
        // The withdrawn measurement comes with the retraction (runner/retracted-facts): it
        // names its series.
        const fact = retractedFactOf(event);
        if (factType !== 'ServiceLevelMeasured' || fact?.type !== 'ServiceLevelMeasured') return;
        const m = fact.data;
        const key = measuredSeriesKey(m.relationshipId, m.offeringId, m.metric);
        const series = session.get<MeasuredSeries>('series', key);
        if (!series) return;
        const kept = series.periods.filter((p) => p[0] !== factId);
        if (kept.length === series.periods.length) return;
        series.periods = kept;
        (series.retracted ??= []).push(factId);
        // A retraction can join two runs into a streak (the period between them is withdrawn).
        this.react(session, series, event);
        session.put('series', key, series);
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
  private react(
    session: DocumentSession,
    series: MeasuredSeries,
    event: ProjectedEvent<Handled>,
  ): void {
    let claimed: Set<string> | undefined;
    for (const run of breachedRuns(series.periods)) {
      if (run.length < this.streakLength) continue;
      claimed ??= new Set(series.claimed);
      if (run.some((p) => claimed!.has(p[0]))) continue;
      for (const p of run) claimed.add(p[0]);
      const trigger = triggerOf(series, run, event);
      session.put<BreachStreakTrigger>('triggers', trigger.improvementId, trigger);
    }
    if (claimed) series.claimed = [...claimed];
  }
}

/** Whether a measurement already reached its series (kept, or kept and then retracted). */
function delivered(series: MeasuredSeries, measurementId: string): boolean {
  return (
    series.periods.some((p) => p[0] === measurementId) ||
    (series.retracted?.includes(measurementId) ?? false)
  );
}

/** Maximal runs of consecutive breached periods, in period order. */
function breachedRuns(periods: readonly SeriesPeriod[]): SeriesPeriod[][] {
  const runs: SeriesPeriod[][] = [];
  let run: SeriesPeriod[] = [];
  for (const p of periods) {
    if (p[4] === 1) {
      run.push(p);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function triggerOf(
  series: MeasuredSeries,
  run: readonly SeriesPeriod[],
  event: ProjectedEvent<Handled>,
): BreachStreakTrigger {
  const [, , lastEnd, , , target, comparison, unit] = run[run.length - 1];
  const { relationshipId, offeringId, metric } = series;
  return {
    improvementId: improvementIdForBreachStreak(relationshipId, offeringId, metric, run[0][0]),
    eventId: event.eventId,
    position: event.position,
    relationshipId,
    offeringId,
    metric,
    measurementIds: run.map((p) => p[0]),
    baseline: run.reduce((sum, p) => sum + p[3], 0) / run.length,
    target,
    comparison,
    unit,
    lastPeriodEnd: new Date(Date.parse(lastEnd)).toISOString(),
    correlationId: event.metadata.correlationId ?? null,
    status: 'pending',
  };
}
