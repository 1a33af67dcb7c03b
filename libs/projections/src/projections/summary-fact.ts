import { Effect, RiskSeverity } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { dataOf } from './event-data';
import { breachedOf } from './measurement-breached';
import type { Stakeholder } from './relationship-summary.projection';

/** What one retractable fact added to a relationship summary: enough to take it back exactly. */
export type SummaryFact = { factId: string } & (
  | { kind: 'stakeholder'; stakeholder: Stakeholder }
  | { kind: 'consumption' | 'output' | 'outcome' }
  | { kind: 'cost'; effect: Effect; currency: string; amount: string }
  | { kind: 'risk'; effect: Effect; severity: RiskSeverity }
  | { kind: 'measurement'; breached: boolean }
  | { kind: 'review'; valueScore: number }
);

/** The summary's view of a retractable fact; undefined for any other event. */
export function summaryFactOf(event: RecordedEvent, occurredAt: string): SummaryFact | undefined {
  switch (event.type) {
    case 'StakeholderAssigned': {
      const { stakeholderId, role, name } = dataOf(event, 'StakeholderAssigned');
      return {
        factId: stakeholderId,
        kind: 'stakeholder',
        stakeholder: { stakeholderId, role, name, occurredAt },
      };
    }
    case 'ServiceConsumed':
      return { factId: dataOf(event, 'ServiceConsumed').consumptionId, kind: 'consumption' };
    case 'OutputDelivered':
      return { factId: dataOf(event, 'OutputDelivered').outputId, kind: 'output' };
    case 'OutcomeRealized':
      return { factId: dataOf(event, 'OutcomeRealized').outcomeId, kind: 'outcome' };
    case 'CostRecorded': {
      const { costId, effect, currency, amount } = dataOf(event, 'CostRecorded');
      return { factId: costId, kind: 'cost', effect, currency, amount };
    }
    case 'RiskRecorded': {
      const { riskId, effect, severity } = dataOf(event, 'RiskRecorded');
      return { factId: riskId, kind: 'risk', effect, severity };
    }
    case 'ServiceLevelMeasured':
      return {
        factId: dataOf(event, 'ServiceLevelMeasured').measurementId,
        kind: 'measurement',
        breached: breachedOf(event),
      };
    case 'RelationshipReviewed': {
      const { reviewId, valueScore } = dataOf(event, 'RelationshipReviewed');
      return { factId: reviewId, kind: 'review', valueScore };
    }
    default:
      return undefined;
  }
}
