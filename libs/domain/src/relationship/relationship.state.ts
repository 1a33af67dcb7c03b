import { assertNever } from '../shared/assert-never';
import { FoldList } from '../shared/fold-list';
import { FoldSet } from '../shared/fold-set';
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
 * What decide needs to enforce the relationship's rules. Collections that grow with the stream
 * are FoldMaps/FoldSets, so one event costs O(1) however long the relationship lives; the
 * plain JSON an auditor sees (and a snapshot stores) is `viewRelationship` of it.
 */
export interface EstablishedRelationship {
  status: 'active' | 'ended';
  relationshipId: string;
  providerId: string;
  consumerId: string;
  /** When the relationship was established: no fact of it may have occurred earlier. */
  occurredAt: string;
  /** In the order they were assigned. */
  stakeholders: FoldList<Stakeholder>;
  stakeholderIds: FoldSet<string>;
  /** Roles someone holds here: outcomes and reviews speak for one of them. */
  stakeholderRoles: FoldSet<StakeholderRole>;
  provisionedOfferingIds: FoldSet<string>;
  /** Outcomes may only name outputs delivered in this relationship. */
  deliveredOutputIds: FoldSet<string>;
  counts: RelationshipCounts;
  endReason: string | null;
}

export type RelationshipState = { status: 'unestablished' } | EstablishedRelationship;

export const initialRelationshipState: RelationshipState = { status: 'unestablished' };

export const NO_RELATIONSHIP_COUNTS: RelationshipCounts = {
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
      occurredAt: event.data.occurredAt,
      stakeholders: FoldList.empty(),
      stakeholderIds: FoldSet.empty(),
      stakeholderRoles: FoldSet.empty(),
      provisionedOfferingIds: FoldSet.empty(),
      deliveredOutputIds: FoldSet.empty(),
      counts: NO_RELATIONSHIP_COUNTS,
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
        stakeholders: state.stakeholders.push({ stakeholderId, role, name }),
        stakeholderIds: state.stakeholderIds.add(stakeholderId),
        stakeholderRoles: state.stakeholderRoles.add(role),
        counts: count('stakeholders'),
      };
    }
    case 'ServiceProvisioned':
      return {
        ...state,
        provisionedOfferingIds: state.provisionedOfferingIds.add(event.data.offeringId),
        counts: count('provisions'),
      };
    case 'ServiceDeprovisioned':
      return {
        ...state,
        provisionedOfferingIds: state.provisionedOfferingIds.delete(event.data.offeringId),
      };
    case 'ServiceConsumed':
      return { ...state, counts: count('consumptions') };
    case 'OutputDelivered':
      return {
        ...state,
        deliveredOutputIds: state.deliveredOutputIds.add(event.data.outputId),
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
    case 'FactRetracted':
      // TODO(timedomain): retractions change the state once RetractFact is decided here.
      return state;
    case 'RelationshipEnded':
      return { ...state, status: 'ended', endReason: event.data.reason };
    default:
      return assertNever(event, 'relationship event');
  }
}
