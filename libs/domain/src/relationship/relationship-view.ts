import { FoldList } from '../shared/fold-list';
import { FoldSet } from '../shared/fold-set';
import {
  EstablishedRelationship,
  RelationshipCounts,
  RelationshipState,
  Stakeholder,
} from './relationship.state';

/**
 * A relationship state as plain JSON: what an auditor sees when the stream is replayed, and
 * what a snapshot stores. Lists keep the order the facts were recorded in.
 */
export type RelationshipView =
  | { status: 'unestablished' }
  | {
      status: 'active' | 'ended';
      relationshipId: string;
      providerId: string;
      consumerId: string;
      occurredAt: string;
      stakeholders: Stakeholder[];
      provisionedOfferingIds: string[];
      deliveredOutputIds: string[];
      counts: RelationshipCounts;
      endReason: string | null;
    };

export function viewRelationship(state: RelationshipState): RelationshipView {
  if (state.status === 'unestablished') return { status: 'unestablished' };
  return {
    status: state.status,
    relationshipId: state.relationshipId,
    providerId: state.providerId,
    consumerId: state.consumerId,
    occurredAt: state.occurredAt,
    stakeholders: [...state.stakeholders.values()],
    provisionedOfferingIds: [...state.provisionedOfferingIds.values()],
    deliveredOutputIds: [...state.deliveredOutputIds.values()],
    counts: { ...state.counts },
    endReason: state.endReason,
  };
}

/** The state a view was taken of (the inverse of {@link viewRelationship}). */
export function restoreRelationship(view: RelationshipView): RelationshipState {
  if (view.status === 'unestablished') return { status: 'unestablished' };
  const restored: EstablishedRelationship = {
    status: view.status,
    relationshipId: view.relationshipId,
    providerId: view.providerId,
    consumerId: view.consumerId,
    occurredAt: view.occurredAt,
    stakeholders: FoldList.from(view.stakeholders.map((s) => ({ ...s }))),
    stakeholderIds: FoldSet.from(view.stakeholders.map((s) => s.stakeholderId)),
    stakeholderRoles: FoldSet.from(view.stakeholders.map((s) => s.role)),
    provisionedOfferingIds: FoldSet.from(view.provisionedOfferingIds),
    deliveredOutputIds: FoldSet.from(view.deliveredOutputIds),
    counts: { ...view.counts },
    endReason: view.endReason,
  };
  return restored;
}
