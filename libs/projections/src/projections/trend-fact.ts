import { Effect, RiskSeverity, StakeholderRole } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { dataOf } from './event-data';
import { occurrenceMonthOf } from './fact-time';
import { addCost } from './money-by-currency';
import { addRisk } from './risks-by-severity';
import { TrendMonth } from './trend-month';
import { MeasurementV2Fields } from './v2-event-data';
import { breachedOf } from './measurement-breached';
import { monthOf } from './month-of';

/** A measurement as the trend and the per-measurement read model keep it. */
export interface MeasuredPeriod {
  relationshipId: string;
  measurementId: string;
  offeringId: string;
  metric: string;
  period: { start: string; end: string };
  actual: number;
  target: number;
  comparison: 'at-least' | 'at-most';
  unit: string;
  breached: boolean;
}

/**
 * What one retractable fact added to an offering's month: enough to take it back exactly.
 * Facts not attributed to an offering are not in the trend.
 */
export type TrendFact = { offeringId: string; month: string } & (
  | { kind: 'consumption' | 'output' | 'outcome' }
  | { kind: 'cost'; effect: Effect; currency: string; amount: string }
  | { kind: 'risk'; effect: Effect; severity: RiskSeverity }
  | { kind: 'measurement'; measurement: MeasuredPeriod }
  | { kind: 'review'; role: StakeholderRole; valueScore: number }
);

/** The trend's view of a fact, with the id a retraction names; undefined if not in the trend. */
export function trendFactOf(event: RecordedEvent): { factId: string; fact: TrendFact } | undefined {
  const offeringId = (event.data as { offeringId?: string | null }).offeringId;
  if (!offeringId) return undefined;
  const month = occurrenceMonthOf(event);
  const at = { offeringId, month };
  switch (event.type) {
    case 'ServiceConsumed':
      return {
        factId: dataOf(event, 'ServiceConsumed').consumptionId,
        fact: { ...at, kind: 'consumption' },
      };
    case 'OutputDelivered':
      return { factId: dataOf(event, 'OutputDelivered').outputId, fact: { ...at, kind: 'output' } };
    case 'OutcomeRealized':
      return {
        factId: dataOf(event, 'OutcomeRealized').outcomeId,
        fact: { ...at, kind: 'outcome' },
      };
    case 'CostRecorded': {
      const { costId, effect, currency, amount } = dataOf(event, 'CostRecorded');
      return { factId: costId, fact: { ...at, kind: 'cost', effect, currency, amount } };
    }
    case 'RiskRecorded': {
      const { riskId, effect, severity } = dataOf(event, 'RiskRecorded');
      return { factId: riskId, fact: { ...at, kind: 'risk', effect, severity } };
    }
    case 'ServiceLevelMeasured': {
      const data = dataOf(event, 'ServiceLevelMeasured') as ReturnType<
        typeof dataOf<'ServiceLevelMeasured'>
      > &
        MeasurementV2Fields;
      const measurement: MeasuredPeriod = {
        relationshipId: data.relationshipId,
        measurementId: data.measurementId,
        offeringId,
        metric: data.metric,
        period: { start: data.period.start, end: data.period.end },
        actual: data.actual,
        target: data.target,
        comparison: data.comparison,
        unit: data.unit ?? 'unspecified',
        breached: breachedOf(event),
      };
      // A measurement's time is its period: bucketed by period.start.
      const periodMonth = monthOf(new Date(data.period.start).toISOString());
      return {
        factId: data.measurementId,
        fact: { offeringId, month: periodMonth, kind: 'measurement', measurement },
      };
    }
    case 'RelationshipReviewed': {
      const { reviewId, stakeholderRole, valueScore } = dataOf(event, 'RelationshipReviewed');
      return {
        factId: reviewId,
        fact: { ...at, kind: 'review', role: stakeholderRole, valueScore },
      };
    }
    default:
      return undefined;
  }
}

/** Adds a fact to its month (`sign` 1) or takes a retracted one back out (`sign` -1). */
export function addToMonth(month: TrendMonth, fact: TrendFact, sign: 1 | -1): void {
  switch (fact.kind) {
    case 'consumption':
      month.consumptions += sign;
      return;
    case 'output':
      month.outputs += sign;
      return;
    case 'outcome':
      month.outcomes += sign;
      return;
    case 'cost':
      addCost(month.costs, fact.effect, fact.currency, fact.amount, sign);
      return;
    case 'risk':
      addRisk(month.risks, fact.effect, fact.severity, sign);
      return;
    case 'review': {
      const role = (month.valueScore[fact.role] ??= { reviews: 0, total: 0 });
      role.reviews += sign;
      role.total += sign * fact.valueScore;
      if (role.reviews === 0) delete month.valueScore[fact.role];
      return;
    }
    case 'measurement':
      addMeasurement(month, fact.measurement, sign);
      return;
  }
}

function addMeasurement(month: TrendMonth, m: MeasuredPeriod, sign: 1 | -1): void {
  const metric = (month.serviceLevels[m.metric] ??= {
    comparison: m.comparison,
    unit: m.unit,
    breaches: 0,
    values: {},
    targets: {},
  });
  if (m.breached) metric.breaches += sign;
  const value = String(m.actual);
  metric.values[value] = (metric.values[value] ?? 0) + sign;
  if (metric.values[value] === 0) delete metric.values[value];
  const target = (metric.targets[m.period.start] ??= { target: m.target, count: 0 });
  target.count += sign;
  if (sign === 1) {
    target.target = m.target;
    metric.comparison = m.comparison;
    metric.unit = m.unit;
  }
  if (target.count === 0) delete metric.targets[m.period.start];
  if (Object.keys(metric.values).length === 0) delete month.serviceLevels[m.metric];
}
