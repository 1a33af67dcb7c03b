import { RetractableFactType } from './relationship.events';

/**
 * A fact of the relationship that a FactRetracted may withdraw, as the state remembers it:
 * enough to judge a retraction (is it known, already retracted, an output an outcome needs)
 * and the overlap of measured periods. Also what the audit replay shows of each fact.
 */
export interface RecordedFact {
  factType: RetractableFactType;
  occurredAt: string;
  retracted: boolean;
  /** OutcomeRealized: the outputs it names. */
  enabledBy?: string[];
  /** ServiceLevelMeasured: the series (offering and metric) and its period (UTC instants). */
  offeringId?: string;
  metric?: string;
  period?: { start: string; end: string };
}

/** The series of measurements a period may not overlap within: one offering's one metric. */
export function measurementSeries(offeringId: string, metric: string): string {
  return `${offeringId}\n${metric}`;
}
