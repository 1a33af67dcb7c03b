import {
  assertNever,
  Effect,
  RetractableFactType,
  RiskSeverity,
  StakeholderRole,
} from '@app/domain';
import { ProjectedEvent } from '../projection';
import { monthOfInstant, occurrenceMonthOf } from './fact-time';
import { addCost } from './money-by-currency';
import { addRisk } from './risks-by-severity';
import { TrendMonth } from './trend-month';

type Comparison = 'at-least' | 'at-most';

/** An unretracted measurement, as the measured-period queries answer it. */
export interface MeasuredPeriod {
  relationshipId: string;
  measurementId: string;
  offeringId: string;
  metric: string;
  period: { start: string; end: string };
  actual: number;
  target: number;
  comparison: Comparison;
  unit: string;
  breached: boolean;
}

/**
 * What one retractable fact added to an offering's month, enough to take it back exactly:
 * compact tuples (kept for every fact), kind first, then offering and month. Facts not
 * attributed to an offering are not in the trend.
 */
export type TrendFact =
  | ['consumption' | 'output' | 'outcome', string, string]
  | ['cost', string, string, Effect, string, string]
  | ['risk', string, string, Effect, RiskSeverity]
  | [
      'measurement',
      string,
      string,
      /** metric, actual, period.start, target, comparison, unit, breached */
      string,
      number,
      string,
      number,
      Comparison,
      string,
      0 | 1,
    ]
  | ['review', string, string, StakeholderRole, number];

/**
 * The trend's view of a fact; undefined if not in the trend. The
 * event is in the current schema (the runner upcast it), so a v1 fact reads as its v2 shape.
 */
export function trendFactOf(event: ProjectedEvent<RetractableFactType>): TrendFact | undefined {
  switch (event.type) {
    case 'StakeholderAssigned':
      return undefined; // not about an offering
    case 'ServiceConsumed': {
      const { offeringId } = event.data;
      if (!offeringId) return undefined;
      return ['consumption', offeringId, occurrenceMonthOf(event)];
    }
    case 'OutputDelivered': {
      const { offeringId } = event.data;
      if (!offeringId) return undefined;
      return ['output', offeringId, occurrenceMonthOf(event)];
    }
    case 'OutcomeRealized': {
      const { offeringId } = event.data;
      if (!offeringId) return undefined;
      return ['outcome', offeringId, occurrenceMonthOf(event)];
    }
    case 'CostRecorded': {
      const { offeringId, effect, currency, amount } = event.data;
      if (!offeringId) return undefined;
      return ['cost', offeringId, occurrenceMonthOf(event), effect, currency, amount];
    }
    case 'RiskRecorded': {
      const { offeringId, effect, severity } = event.data;
      if (!offeringId) return undefined;
      return ['risk', offeringId, occurrenceMonthOf(event), effect, severity];
    }
    case 'ServiceLevelMeasured': {
      const data = event.data;
      if (!data.offeringId) return undefined;
      // A measurement's time is its period: bucketed by period.start.
      return [
        'measurement',
        data.offeringId,
        monthOfInstant(data.period.start),
        data.metric,
        data.actual,
        data.period.start,
        data.target,
        data.comparison,
        data.unit,
        data.breached ? 1 : 0,
      ];
    }
    case 'RelationshipReviewed': {
      const { offeringId, stakeholderRole, valueScore } = event.data;
      if (!offeringId) return undefined;
      return ['review', offeringId, occurrenceMonthOf(event), stakeholderRole, valueScore];
    }
    default:
      return assertNever(event, 'event');
  }
}

/** Adds a fact to its month (`sign` 1) or takes a retracted one back out (`sign` -1). */
export function addToMonth(month: TrendMonth, fact: TrendFact, sign: 1 | -1): void {
  switch (fact[0]) {
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
      addCost(month.costs, fact[3], fact[4], fact[5], sign);
      return;
    case 'risk':
      addRisk(month.risks, fact[3], fact[4], sign);
      return;
    case 'review': {
      const [, , , stakeholderRole, valueScore] = fact;
      const role = (month.valueScore[stakeholderRole] ??= { reviews: 0, total: 0 });
      role.reviews += sign;
      role.total += sign * valueScore;
      if (role.reviews === 0) delete month.valueScore[stakeholderRole];
      return;
    }
    case 'measurement':
      addMeasurement(month, fact, sign);
      return;
  }
}

function addMeasurement(
  month: TrendMonth,
  fact: Extract<TrendFact, ['measurement', ...unknown[]]>,
  sign: 1 | -1,
): void {
  const [, , , metricName, actual, periodStart, target, comparison, unit, breached] = fact;
  const metric = (month.serviceLevels[metricName] ??= {
    comparison,
    unit,
    breaches: 0,
    values: [],
    targets: {},
  });
  metric.breaches += breached * sign;
  countValue(metric.values, actual, sign);
  const judged = (metric.targets[periodStart] ??= { target, count: 0 });
  judged.count += sign;
  if (sign === 1) {
    judged.target = target;
    metric.comparison = comparison;
    metric.unit = unit;
    return;
  }
  // Taken back: forget what no measurement holds any more.
  if (judged.count === 0) delete metric.targets[periodStart];
  if (metric.values.length === 0) delete month.serviceLevels[metricName];
}

/**
 * Adds `sign` to the count of `value` in a flat ascending multiset (see MetricMonth.values); a
 * value whose count reaches 0 leaves it. A month holds a few dozen distinct values: a scan from
 * the end (values mostly repeat or grow) is as quick as a binary search.
 */
export function countValue(values: number[], value: number, sign: 1 | -1): void {
  let at = values.length;
  while (at > 0 && values[at - 2] > value) at -= 2;
  if (at > 0 && values[at - 2] === value) {
    const count = values[at - 1] + sign;
    if (count === 0) values.splice(at - 2, 2);
    else values[at - 1] = count;
    return;
  }
  // Not there: only an addition can get here (a retraction takes back what was added).
  values.splice(at, 0, value, sign);
}
