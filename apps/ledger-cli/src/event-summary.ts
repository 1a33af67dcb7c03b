import { asLedgerEvent, LedgerEvent } from '@app/domain';
import { EventMetadata, JsonObject } from '@app/event-store';

/** One readable line about what an event says, for the replay timeline. */
export function summarizeEvent(type: string, data: JsonObject, metadata: EventMetadata): string {
  const event = asLedgerEvent(type, data, metadata);
  return event === undefined ? `(unknown event type) ${JSON.stringify(data)}` : summarize(event);
}

function summarize(event: LedgerEvent): string {
  switch (event.type) {
    case 'OrganizationRegistered':
      return `organization "${event.data.name}" registered`;
    case 'OfferingPublished':
      return `offering "${event.data.name}" published by ${event.data.providerId}`;
    case 'OfferingRevised':
      return `offering revised: "${event.data.name}"`;
    case 'OfferingRetired':
      return `offering retired${reason(event.data.reason)}`;
    case 'RelationshipEstablished':
      return `provider ${event.data.providerId} and consumer ${event.data.consumerId}`;
    case 'StakeholderAssigned':
      return `${event.data.name} as ${event.data.role}`;
    case 'ServiceProvisioned':
      return `offering ${event.data.offeringId}${occurred(event.data.occurredAt)}`;
    case 'ServiceDeprovisioned':
      return `offering ${event.data.offeringId} deprovisioned${occurred(event.data.occurredAt)}`;
    case 'ServiceConsumed':
      return `offering ${event.data.offeringId}: ${event.data.description}`;
    case 'OutputDelivered':
      return `output ${event.data.outputId}: ${event.data.description}`;
    case 'OutcomeRealized':
      return `for the ${event.data.stakeholderRole}: ${event.data.description} (enabled by ${event.data.enabledBy.join(', ')})`;
    case 'CostRecorded':
      return `${event.data.amount} ${event.data.currency} ${event.data.effect}: ${event.data.description}`;
    case 'RiskRecorded':
      return `${event.data.severity} risk ${event.data.effect}: ${event.data.description}`;
    case 'ServiceLevelMeasured': {
      const { metric, actual, target, comparison, unit, period, breached } = event.data;
      return `${metric} ${actual} ${unit} (target ${comparison} ${target}${breached ? ', breached' : ''}) for ${period.start}..${period.end}`;
    }
    case 'RelationshipReviewed':
      return `${event.data.stakeholderRole} scored the value ${event.data.valueScore}/5`;
    case 'FactRetracted':
      return `${event.data.factType} ${event.data.factId} retracted: ${event.data.reason}`;
    case 'RelationshipEnded':
      return `ended${reason(event.data.reason)}`;
    case 'ImprovementProposed':
      return `"${event.data.title}" (${event.data.dimension}, ${event.data.valueChainActivity})`;
    case 'ImprovementApproved':
    case 'ImprovementResumed':
      return event.type.replace('Improvement', 'improvement ').toLowerCase();
    case 'ImprovementRejected':
      return `improvement rejected${reason(event.data.reason)}`;
    case 'ImprovementWithdrawn':
      return `improvement withdrawn${reason(event.data.reason)}`;
    case 'ImprovementPutOnHold':
      return `improvement put on hold${reason(event.data.reason)}`;
    case 'ImprovementImplemented':
      return `improvement implemented at ${event.data.implementedAt}`;
    case 'ImprovementEvaluated':
      return `improvement evaluated: actual ${event.data.actual} (${event.data.actualSource})`;
    default: {
      const unexpected: never = event;
      return JSON.stringify(unexpected);
    }
  }
}

function occurred(at: string): string {
  return ` (occurred ${at})`;
}

function reason(text: string | null): string {
  return text ? `: ${text}` : '';
}
