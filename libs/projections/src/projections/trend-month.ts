import { StakeholderRole } from '@app/domain';
import { CostTotals, emptyCosts } from './money-by-currency';
import { emptyRisks, RisksBySeverity } from './risks-by-severity';

/**
 * One warranty metric of an offering in one month, kept so that any measurement can be taken
 * back exactly: achieved values as a multiset give count, mean, min and max whatever was
 * retracted; targets by period start give the one in force for the latest period.
 */
export interface MetricMonth {
  comparison: 'at-least' | 'at-most';
  unit: string;
  breaches: number;
  /**
   * The multiset of achieved values, flat and ascending: `[value, count, value, count, …]`.
   * Numbers in an array, not an object keyed by `String(actual)`: a rebuild adds ~200,000
   * measurements to these, and an object grown key by key costs V8 a new hidden class per new
   * key (and a number-to-string per measurement); an array of doubles is also a quarter of
   * the memory, and every offering's months stay in memory while catching up.
   */
  values: number[];
  /** Period start → the target it was judged against and how many measurements. */
  targets: Record<string, { target: number; count: number }>;
}

/** Everything attributed to one offering that occurred in one UTC month. */
export interface TrendMonth {
  /** `YYYY-MM` of the facts' occurredAt (measurements: period.start), never recordedAt. */
  month: string;
  serviceLevels: Record<string, MetricMonth>;
  valueScore: Partial<Record<StakeholderRole, { reviews: number; total: number }>>;
  costs: CostTotals;
  risks: RisksBySeverity;
  consumptions: number;
  outputs: number;
  outcomes: number;
}

/** A month with nothing yet (its offering is in the document's key, `<offeringId>:<month>`). */
export function emptyTrendMonth(month: string): TrendMonth {
  return {
    month,
    serviceLevels: {},
    valueScore: {},
    costs: emptyCosts(),
    risks: emptyRisks(),
    consumptions: 0,
    outputs: 0,
    outcomes: 0,
  };
}

/** True when every fact of the month was retracted: the month leaves the trend. */
export function isEmptyMonth(m: TrendMonth): boolean {
  const risks = [...Object.values(m.risks.removed), ...Object.values(m.risks.imposed)];
  return (
    Object.keys(m.serviceLevels).length === 0 &&
    Object.keys(m.valueScore).length === 0 &&
    Object.keys(m.costs.removed).length === 0 &&
    Object.keys(m.costs.imposed).length === 0 &&
    risks.every((n) => n === 0) &&
    m.consumptions === 0 &&
    m.outputs === 0 &&
    m.outcomes === 0
  );
}
