import { assertNever } from '../shared/assert-never';
import { FoldList } from '../shared/fold-list';
import { FoldMap } from '../shared/fold-map';
import { FoldSet } from '../shared/fold-set';
import { StakeholderRole } from '../shared/vocabulary';
import { measurementSeries, RecordedFact } from './recorded-fact';
import { RecordedFacts } from './recorded-facts';
import { RelationshipEvent, RetractableFactType } from './relationship.events';

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
  /** By id, in the order they were assigned; a retracted one is unassigned. */
  stakeholders: FoldMap<string, Stakeholder>;
  /** Roles someone holds here: outcomes and reviews speak for one of them. */
  stakeholderRoles: FoldSet<StakeholderRole>;
  provisionedOfferingIds: FoldSet<string>;
  /** Outcomes may only name outputs delivered (and not retracted) in this relationship. */
  deliveredOutputIds: FoldSet<string>;
  /** Every retractable fact by its id (stakeholderId, costId, measurementId, …). */
  facts: RecordedFacts;
  /** How many unretracted outcomes name each output: such an output cannot be retracted. */
  outputEnablers: FoldMap<string, number>;
  /** Measurement ids per series (offering and metric), for the period-overlap rule. */
  measurementSeries: FoldMap<string, FoldList<string>>;
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
      stakeholders: FoldMap.empty(),
      stakeholderRoles: FoldSet.empty(),
      provisionedOfferingIds: FoldSet.empty(),
      deliveredOutputIds: FoldSet.empty(),
      facts: RecordedFacts.empty(),
      outputEnablers: FoldMap.empty(),
      measurementSeries: FoldMap.empty(),
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
  const fact = (
    factId: string,
    factType: RetractableFactType,
    extra: Partial<RecordedFact> = {},
  ): RecordedFacts =>
    state.facts.set(factId, {
      factType,
      occurredAt: occurredAtOf(event),
      retracted: false,
      ...extra,
    });
  switch (event.type) {
    case 'StakeholderAssigned': {
      const { stakeholderId, role, name } = event.data;
      return {
        ...state,
        stakeholders: state.stakeholders.set(stakeholderId, { stakeholderId, role, name }),
        stakeholderRoles: state.stakeholderRoles.add(role),
        facts: fact(stakeholderId, 'StakeholderAssigned'),
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
      return {
        ...state,
        facts: fact(event.data.consumptionId, 'ServiceConsumed'),
        counts: count('consumptions'),
      };
    case 'OutputDelivered':
      return {
        ...state,
        deliveredOutputIds: state.deliveredOutputIds.add(event.data.outputId),
        facts: fact(event.data.outputId, 'OutputDelivered'),
        counts: count('outputs'),
      };
    case 'OutcomeRealized': {
      const { outcomeId, enabledBy } = event.data;
      return {
        ...state,
        facts: fact(outcomeId, 'OutcomeRealized', { enabledBy: [...enabledBy] }),
        outputEnablers: countEnablers(state.outputEnablers, enabledBy, +1),
        counts: count('outcomes'),
      };
    }
    case 'CostRecorded':
      return { ...state, facts: fact(event.data.costId, 'CostRecorded'), counts: count('costs') };
    case 'RiskRecorded':
      return { ...state, facts: fact(event.data.riskId, 'RiskRecorded'), counts: count('risks') };
    case 'ServiceLevelMeasured': {
      const { measurementId, offeringId, metric, period } = event.data;
      const series = measurementSeries(offeringId, metric);
      const ids = state.measurementSeries.get(series) ?? FoldList.empty<string>();
      return {
        ...state,
        facts: fact(measurementId, 'ServiceLevelMeasured', { offeringId, metric, period }),
        measurementSeries: state.measurementSeries.set(series, ids.push(measurementId)),
        counts: count('serviceLevelMeasurements'),
      };
    }
    case 'RelationshipReviewed':
      return {
        ...state,
        facts: fact(event.data.reviewId, 'RelationshipReviewed'),
        counts: count('reviews'),
      };
    case 'FactRetracted':
      return retract(state, event.data.factId);
    case 'RelationshipEnded':
      return { ...state, status: 'ended', endReason: event.data.reason };
    default:
      return assertNever(event, 'relationship event');
  }
}

/** The time a fact occurred (v2 facts carry it; measurements are placed by their period). */
function occurredAtOf(event: RelationshipEvent): string {
  if (event.type === 'ServiceLevelMeasured') return event.data.period.start;
  return 'occurredAt' in event.data ? event.data.occurredAt : '';
}

function countEnablers(
  enablers: FoldMap<string, number>,
  outputIds: readonly string[],
  delta: 1 | -1,
): FoldMap<string, number> {
  let counted = enablers;
  for (const outputId of new Set(outputIds)) {
    counted = counted.set(outputId, (counted.get(outputId) ?? 0) + delta);
  }
  return counted;
}

const COUNTED: Record<RetractableFactType, keyof RelationshipCounts> = {
  StakeholderAssigned: 'stakeholders',
  ServiceConsumed: 'consumptions',
  OutputDelivered: 'outputs',
  OutcomeRealized: 'outcomes',
  CostRecorded: 'costs',
  RiskRecorded: 'risks',
  ServiceLevelMeasured: 'serviceLevelMeasurements',
  RelationshipReviewed: 'reviews',
};

/**
 * A fact withdrawn: it stays known (and shown) as retracted, no longer counts, and no longer
 * has effects: a stakeholder is unassigned, an output can no longer enable outcomes, an
 * outcome no longer holds its outputs. A stray retraction of an unknown or retracted fact
 * changes nothing.
 */
function retract(state: EstablishedRelationship, factId: string): EstablishedRelationship {
  const fact = state.facts.get(factId);
  if (fact === undefined || fact.retracted) return state;
  const kind = COUNTED[fact.factType];
  const next: EstablishedRelationship = {
    ...state,
    facts: state.facts.set(factId, { ...fact, retracted: true }),
    counts: { ...state.counts, [kind]: state.counts[kind] - 1 },
  };
  switch (fact.factType) {
    case 'StakeholderAssigned': {
      const stakeholders = state.stakeholders.delete(factId);
      const roles = FoldSet.from([...stakeholders.values()].map((s) => s.role));
      return { ...next, stakeholders, stakeholderRoles: roles };
    }
    case 'OutputDelivered':
      return { ...next, deliveredOutputIds: state.deliveredOutputIds.delete(factId) };
    case 'OutcomeRealized':
      return {
        ...next,
        outputEnablers: countEnablers(state.outputEnablers, fact.enabledBy ?? [], -1),
      };
    case 'ServiceConsumed':
    case 'CostRecorded':
    case 'RiskRecorded':
    case 'ServiceLevelMeasured':
    case 'RelationshipReviewed':
      return next;
    default:
      return assertNever(fact.factType, 'retractable fact type');
  }
}
