import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { addToMonth, MeasuredPeriod, TrendFact, trendFactOf } from './trend-fact';
import { emptyTrendMonth, isEmptyMonth, TrendMonth } from './trend-month';
import { dataAs, FactRetractedData } from './v2-event-data';

/** Key of a measurement in `measurements`: by offering, metric and period, so a prefix lists a series in period order. */
export function measurementKey(m: MeasuredPeriod): string {
  return `${m.offeringId}:${m.metric}:${m.period.start}:${m.measurementId}`;
}

/**
 * The monthly trend an improvement team watches, per offering and occurrence month (UTC):
 * warranty metrics with the values achieved, value score per stakeholder role, costs, risks,
 * outputs and outcomes. Every retractable fact leaves a row in `facts`, so a FactRetracted takes
 * exactly that back (a month left with nothing disappears). `measurements` holds every
 * unretracted measurement, keyed `<offeringId>:<metric>:<period.start>:<measurementId>` and
 * indexed by relationship: the series of one metric in period order.
 */
export class OfferingTrendProjection implements Projection {
  static readonly NAME = 'offering-trend';
  readonly name = OfferingTrendProjection.NAME;
  readonly version = 2;
  readonly handles = [
    'ServiceConsumed',
    'OutputDelivered',
    'OutcomeRealized',
    'CostRecorded',
    'RiskRecorded',
    'ServiceLevelMeasured',
    'RelationshipReviewed',
    'FactRetracted',
  ] as const;
  readonly collections = [
    { name: 'months' },
    { name: 'facts' },
    { name: 'measurements', indexes: ['relationshipId'] },
  ] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    if (event.type === 'FactRetracted') {
      const { relationshipId, factId } = dataAs<FactRetractedData>(event);
      const key = `${relationshipId}:${factId}`;
      const fact = session.get<TrendFact>('facts', key);
      if (!fact) return;
      this.count(session, fact, -1);
      session.delete('facts', key);
      if (fact.kind === 'measurement')
        session.delete('measurements', measurementKey(fact.measurement));
      return;
    }
    const found = trendFactOf(event);
    if (!found) return;
    const relationshipId = (event.data as { relationshipId: string }).relationshipId;
    this.count(session, found.fact, 1);
    session.put('facts', `${relationshipId}:${found.factId}`, found.fact);
    if (found.fact.kind === 'measurement') {
      session.put('measurements', measurementKey(found.fact.measurement), found.fact.measurement);
    }
  }

  private count(session: DocumentSession, fact: TrendFact, sign: 1 | -1): void {
    const key = `${fact.offeringId}:${fact.month}`;
    const month =
      session.get<TrendMonth>('months', key) ?? emptyTrendMonth(fact.offeringId, fact.month);
    addToMonth(month, fact, sign);
    if (isEmptyMonth(month)) session.delete('months', key);
    else session.put('months', key, month);
  }
}
