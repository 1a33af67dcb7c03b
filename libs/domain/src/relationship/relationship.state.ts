import { assertNever } from '../shared/assert-never';
import { StakeholderRole } from '../shared/vocabulary';
import { RelationshipEvent } from './relationship.events';

export interface Stakeholder {
  stakeholderId: string;
  role: StakeholderRole;
  name: string;
}

/** How many facts of each kind the relationship holds (for summaries and the audit replay). */
export interface RelationshipCounts {
  stakeholders: number;
  provisions: number;
  consumptions: number;
  outputs: number;
  outcomes: number;
  costs: number;
  risks: number;
  serviceLevelMeasurements: number;
  reviews: number;
}

/**
 * What decide needs to enforce the relationship's rules, and what an auditor sees when the
 * stream is replayed "as of" a time. Plain JSON-friendly data (arrays, not Sets).
 */
export interface EstablishedRelationship {
  status: 'active' | 'ended';
  relationshipId: string;
  providerId: string;
  consumerId: string;
  stakeholders: readonly Stakeholder[];
  provisionedOfferingIds: readonly string[];
  /** Outcomes may only name outputs delivered in this relationship. */
  deliveredOutputIds: readonly string[];
  counts: RelationshipCounts;
  endReason: string | null;
}

export type RelationshipState = { status: 'unestablished' } | EstablishedRelationship;

export const initialRelationshipState: RelationshipState = { status: 'unestablished' };

const NO_COUNTS: RelationshipCounts = {
  stakeholders: 0,
  provisions: 0,
  consumptions: 0,
  outputs: 0,
  outcomes: 0,
  costs: 0,
  risks: 0,
  serviceLevelMeasurements: 0,
  reviews: 0,
};

export function evolveRelationship(
  state: RelationshipState,
  event: RelationshipEvent,
): RelationshipState {
  if (event.type === 'RelationshipEstablished') {
    return {
      status: 'active',
      relationshipId: event.data.relationshipId,
      providerId: event.data.providerId,
      consumerId: event.data.consumerId,
      stakeholders: [],
      provisionedOfferingIds: [],
      deliveredOutputIds: [],
      counts: NO_COUNTS,
      endReason: null,
    };
  }
  // Every other event follows RelationshipEstablished in its stream; a stray one changes nothing.
  if (state.status === 'unestablished') return state;
  const count = (kind: keyof RelationshipCounts): RelationshipCounts => ({
    ...state.counts,
    [kind]: state.counts[kind] + 1,
  });
  switch (event.type) {
    case 'StakeholderAssigned': {
      const { stakeholderId, role, name } = event.data;
      return {
        ...state,
        stakeholders: [...state.stakeholders, { stakeholderId, role, name }],
        counts: count('stakeholders'),
      };
    }
    case 'ServiceProvisioned':
      return {
        ...state,
        provisionedOfferingIds: [...state.provisionedOfferingIds, event.data.offeringId],
        counts: count('provisions'),
      };
    case 'ServiceConsumed':
      return { ...state, counts: count('consumptions') };
    case 'OutputDelivered':
      return {
        ...state,
        deliveredOutputIds: [...state.deliveredOutputIds, event.data.outputId],
        counts: count('outputs'),
      };
    case 'OutcomeRealized':
      return { ...state, counts: count('outcomes') };
    case 'CostRecorded':
      return { ...state, counts: count('costs') };
    case 'RiskRecorded':
      return { ...state, counts: count('risks') };
    case 'ServiceLevelMeasured':
      return { ...state, counts: count('serviceLevelMeasurements') };
    case 'RelationshipReviewed':
      return { ...state, counts: count('reviews') };
    case 'RelationshipEnded':
      return { ...state, status: 'ended', endReason: event.data.reason };
    default:
      return assertNever(event, 'relationship event');
  }
}
