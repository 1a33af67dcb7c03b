import { Effect, RiskSeverity, StakeholderRole } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { dataOf } from './event-data';
import { breachedOf } from './measurement-breached';

/**
 * What one retractable fact added to a relationship summary, enough to take it back exactly.
 * Compact tuples (kept for every fact): the first element says which kind.
 */
export type SummaryFact =
  | ['stakeholder', StakeholderRole, string, string]
  | ['consumption']
  | ['output']
  | ['outcome']
  | ['cost', Effect, string, string]
  | ['risk', Effect, RiskSeverity]
  | ['measurement', 0 | 1]
  | ['review', number];

/** The summary's view of a retractable fact and the id a retraction names; undefined for others. */
export function summaryFactOf(
  event: RecordedEvent,
  occurredAt: string,
): { factId: string; fact: SummaryFact } | undefined {
  switch (event.type) {
    case 'StakeholderAssigned': {
      const { stakeholderId, role, name } = dataOf(event, 'StakeholderAssigned');
      return { factId: stakeholderId, fact: ['stakeholder', role, name, occurredAt] };
    }
    case 'ServiceConsumed':
      return { factId: dataOf(event, 'ServiceConsumed').consumptionId, fact: ['consumption'] };
    case 'OutputDelivered':
      return { factId: dataOf(event, 'OutputDelivered').outputId, fact: ['output'] };
    case 'OutcomeRealized':
      return { factId: dataOf(event, 'OutcomeRealized').outcomeId, fact: ['outcome'] };
    case 'CostRecorded': {
      const { costId, effect, currency, amount } = dataOf(event, 'CostRecorded');
      return { factId: costId, fact: ['cost', effect, currency, amount] };
    }
    case 'RiskRecorded': {
      const { riskId, effect, severity } = dataOf(event, 'RiskRecorded');
      return { factId: riskId, fact: ['risk', effect, severity] };
    }
    case 'ServiceLevelMeasured':
      return {
        factId: dataOf(event, 'ServiceLevelMeasured').measurementId,
        fact: ['measurement', breachedOf(event) ? 1 : 0],
      };
    case 'RelationshipReviewed': {
      const { reviewId, valueScore } = dataOf(event, 'RelationshipReviewed');
      return { factId: reviewId, fact: ['review', valueScore] };
    }
    default:
      return undefined;
  }
}
