import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { dataOf } from './event-data';

/** One unretracted service level measurement, by the relationship and the offering measured. */
export interface MeasuredPeriodDoc {
  measurementId: string;
  relationshipId: string;
  offeringId: string;
  metric: string;
  period: { start: string; end: string };
  actual: number;
}

/**
 * Every unretracted measured period, findable by relationship and by offering: the measured
 * baseline and actual of improvements (the command side reads it for an offering, whose
 * measurements lie in every relationship that provisions it) and their before/after series.
 */
export class MeasuredPeriodsProjection implements Projection {
  static readonly NAME = 'measured-periods';
  readonly name = MeasuredPeriodsProjection.NAME;
  readonly version = 1;
  readonly handles = ['ServiceLevelMeasured', 'FactRetracted'] as const;
  readonly collections = [
    { name: 'periods', indexes: ['relationshipId', 'offeringId', 'metric'] },
  ] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    if (event.type === 'ServiceLevelMeasured') {
      const d = dataOf(event, 'ServiceLevelMeasured');
      session.put<MeasuredPeriodDoc>('periods', d.measurementId, {
        measurementId: d.measurementId,
        relationshipId: d.relationshipId,
        offeringId: d.offeringId,
        metric: d.metric,
        period: { start: d.period.start, end: d.period.end },
        actual: d.actual,
      });
      return;
    }
    // A retraction names the fact by its id; only measurements are kept here.
    const { factId } = event.data as { factId?: unknown };
    if (typeof factId === 'string') session.delete('periods', factId);
  }
}
