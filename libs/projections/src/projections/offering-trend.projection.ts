import { ProjectedEvent, Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { retractedFactOf } from '../runner/retracted-facts';
import { addToMonth, TrendFact, trendFactOf } from './trend-fact';
import { emptyTrendMonth, isEmptyMonth, TrendMonth } from './trend-month';

/**
 * An offering's months of one year in one document, key `<offeringId>:<YYYY>`: a backdated
 * history spreads a batch's facts over many months of few offerings, and one document per
 * month made a batch rewrite ~85 scattered B-tree pages; per year it rewrites a few documents.
 */
export interface TrendYear {
  /** `YYYY-MM` → that month; a month with nothing is absent. */
  months: Record<string, TrendMonth>;
}

export function trendYearKey(offeringId: string, month: string): string {
  return `${offeringId}:${month.slice(0, 4)}`;
}

/**
 * The last year key and month string handed out: consecutive facts are mostly of one offering,
 * year and month, and the same string again is found by identity (the writer's last key, V8's
 * property lookup) instead of being built, flattened and hashed per fact.
 */
class TrendYearKeys {
  private offeringId = '';
  private year = '';
  private key = '';
  private month = '';

  /**
   * `month` as the equal string seen last: the months of a year document are looked up by
   * it, and V8 finds a key string it has looked up before without hashing it again.
   */
  sameMonth(month: string): string {
    if (month !== this.month) this.month = month;
    return this.month;
  }

  /** The key of the year of `month` (`YYYY-MM`). */
  of(offeringId: string, month: string): string {
    if (offeringId !== this.offeringId || !month.startsWith(this.year)) {
      this.offeringId = offeringId;
      this.year = month.slice(0, 4);
      this.key = trendYearKey(offeringId, month);
    }
    return this.key;
  }
}

const HANDLES = [
  'ServiceConsumed',
  'OutputDelivered',
  'OutcomeRealized',
  'CostRecorded',
  'RiskRecorded',
  'ServiceLevelMeasured',
  'RelationshipReviewed',
  'FactRetracted',
] as const;
type Handled = (typeof HANDLES)[number];

/**
 * The monthly trend an improvement team watches, per offering and occurrence month (UTC):
 * warranty metrics with the values achieved, value score per stakeholder role, costs, risks,
 * outputs and outcomes, net of retractions: a FactRetracted arrives with the fact it withdraws
 * (runner/retracted-facts) and takes back exactly what that fact added; a month left with
 * nothing disappears. The measurements themselves, period by period, are the breach streaks'
 * series (measured-series.ts).
 */
export class OfferingTrendProjection implements Projection<Handled> {
  static readonly NAME = 'offering-trend';
  readonly name = OfferingTrendProjection.NAME;
  /**
   * 4: months kept in one document per offering and year (`years`), not one per month.
   * 5: no row per measurement (the breach streaks' series hold them, once).
   * 6: a metric's achieved values as a flat ascending array of value and count.
   */
  readonly version = 6;
  readonly handles = HANDLES;
  readonly collections = [{ name: 'years' }] as const;
  private readonly keys = new TrendYearKeys();

  apply(session: DocumentSession, event: ProjectedEvent<Handled>): void {
    if (event.type === 'FactRetracted') {
      const retracted = retractedFactOf(event);
      const found = retracted && trendFactOf(retracted);
      if (found) this.count(session, found, -1);
      return;
    }
    const found = trendFactOf(event);
    if (found) this.count(session, found, 1);
  }

  private count(session: DocumentSession, fact: TrendFact, sign: 1 | -1): void {
    const [, offeringId] = fact;
    const monthName = this.keys.sameMonth(fact[2]);
    const key = this.keys.of(offeringId, monthName);
    const year = session.get<TrendYear>('years', key) ?? { months: {} };
    const month = (year.months[monthName] ??= emptyTrendMonth(monthName));
    addToMonth(month, fact, sign);
    // Only a retraction can empty a month, and with it the year (not looked for on every fact).
    if (sign === -1 && isEmptyMonth(month)) delete year.months[monthName];
    if (sign === -1 && Object.keys(year.months).length === 0) session.delete('years', key);
    else session.put('years', key, year);
  }
}
