import {
  assertNever,
  Effect,
  RetractableFactType,
  RiskSeverity,
  StakeholderRole,
} from '@app/domain';
import { ProjectedEvent } from '../projection';

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

/**
 * The summary's view of a retractable fact and the id a retraction names; undefined for others.
 * The event is in the current schema (the runner upcast it).
 */
export function summaryFactOf(
  event: ProjectedEvent<RetractableFactType>,
  occurredAt: string,
): { factId: string; fact: SummaryFact } | undefined {
  switch (event.type) {
    case 'StakeholderAssigned': {
      const { stakeholderId, role, name } = event.data;
      return { factId: stakeholderId, fact: ['stakeholder', role, name, occurredAt] };
    }
    case 'ServiceConsumed':
      return { factId: event.data.consumptionId, fact: ['consumption'] };
    case 'OutputDelivered':
      return { factId: event.data.outputId, fact: ['output'] };
    case 'OutcomeRealized':
      return { factId: event.data.outcomeId, fact: ['outcome'] };
    case 'CostRecorded': {
      const { costId, effect, currency, amount } = event.data;
      return { factId: costId, fact: ['cost', effect, currency, amount] };
    }
    case 'RiskRecorded': {
      const { riskId, effect, severity } = event.data;
      return { factId: riskId, fact: ['risk', effect, severity] };
    }
    case 'ServiceLevelMeasured':
      return {
        factId: event.data.measurementId,
        fact: ['measurement', event.data.breached ? 1 : 0],
      };
    case 'RelationshipReviewed': {
      const { reviewId, valueScore } = event.data;
      return { factId: reviewId, fact: ['review', valueScore] };
    }
    default:
      return assertNever(event, 'event');
  }
}
