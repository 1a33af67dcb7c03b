import { FoldList } from '../shared/fold-list';
import { FoldMap } from '../shared/fold-map';
import { measurementSeries, RecordedFact } from './recorded-fact';
import { RecordedFacts } from './recorded-facts';
import { FoldSet } from '../shared/fold-set';
import { deliveredOutputIds } from './delivered-outputs';
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
      /** Every retractable fact with when it occurred and whether it was retracted, in order. */
      facts: ({ factId: string } & RecordedFact)[];
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
    deliveredOutputIds: deliveredOutputIds(state),
    facts: [...state.facts.entries()].map(([factId, fact]) => ({ factId, ...fact })),
    counts: { ...state.counts },
    endReason: state.endReason,
  };
}

/**
 * The state a view was taken of (the inverse of {@link viewRelationship}); the delivered
 * outputs are those among its facts.
 */
export function restoreRelationship(view: RelationshipView): RelationshipState {
  if (view.status === 'unestablished') return { status: 'unestablished' };
  const restored: EstablishedRelationship = {
    status: view.status,
    relationshipId: view.relationshipId,
    providerId: view.providerId,
    consumerId: view.consumerId,
    occurredAt: view.occurredAt,
    stakeholders: FoldMap.from(view.stakeholders.map((s) => [s.stakeholderId, { ...s }] as const)),
    stakeholderRoles: FoldSet.from(view.stakeholders.map((s) => s.role)),
    provisionedOfferingIds: FoldSet.from(view.provisionedOfferingIds),
    ...indexesOf(view.facts),
    counts: { ...view.counts },
    endReason: view.endReason,
  };
  return restored;
}

/** The fact indexes, rebuilt from the facts in the order they were recorded. */
function indexesOf(
  facts: readonly ({ factId: string } & RecordedFact)[],
): Pick<EstablishedRelationship, 'facts' | 'outputEnablers' | 'measurementSeries'> {
  const enablers = new Map<string, number>();
  const series = new Map<string, string[]>();
  for (const { factId, ...fact } of facts) {
    if (fact.factType === 'OutcomeRealized' && !fact.retracted) {
      for (const id of new Set(fact.enabledBy ?? [])) enablers.set(id, (enablers.get(id) ?? 0) + 1);
    }
    if (fact.factType === 'ServiceLevelMeasured' && fact.offeringId && fact.metric) {
      const key = measurementSeries(fact.offeringId, fact.metric);
      series.set(key, [...(series.get(key) ?? []), factId]);
    }
  }
  return {
    facts: RecordedFacts.from(facts.map(({ factId, ...fact }) => [factId, { ...fact }] as const)),
    outputEnablers: FoldMap.from(enablers),
    measurementSeries: FoldMap.from(
      [...series].map(([key, ids]) => [key, FoldList.from(ids)] as const),
    ),
  };
}
