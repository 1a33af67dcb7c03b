import { assertNever } from '../shared/assert-never';
import { FoldList } from '../shared/fold-list';
import { FoldMap } from '../shared/fold-map';
import { FoldSet } from '../shared/fold-set';
import { StakeholderRole } from '../shared/vocabulary';
import { FactExtras } from './packed-facts';
import { measurementSeries } from './recorded-fact';
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
  /**
   * Every retractable fact by its id (stakeholderId, costId, measurementId, …). The delivered
   * outputs are the facts here of that type, not retracted (see isOutputDelivered): each
   * fact has an id of its own, so no second map of 100,000 outputs is kept beside them.
   */
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
  if (event.type === 'RelationshipEstablished') return established(event);
  // Every other event follows RelationshipEstablished in its stream; a stray one changes nothing.
  if (state.status === 'unestablished') return state;
  const next = ownedCopy(state);
  apply(next, event);
  return next;
}

/**
 * The state {@link evolveRelationship} reaches over these events, one by one, from `state`
 * (which stays as it was): the events are applied to one copy that only this call owns, so a
 * long fold pays one copy, not one per event (the Fold collections in it are extended, never
 * copied, either way).
 */
export function evolveRelationshipAll(
  state: RelationshipState,
  events: readonly RelationshipEvent[],
): RelationshipState {
  let current = state;
  let owned = false;
  for (const event of events) {
    if (event.type === 'RelationshipEstablished') {
      current = established(event);
      owned = true;
    } else if (current.status !== 'unestablished') {
      if (!owned) {
        current = ownedCopy(current);
        owned = true;
      }
      apply(current, event);
    }
  }
  return current;
}

function established(
  event: Extract<RelationshipEvent, { type: 'RelationshipEstablished' }>,
): EstablishedRelationship {
  return {
    status: 'active',
    relationshipId: event.data.relationshipId,
    providerId: event.data.providerId,
    consumerId: event.data.consumerId,
    occurredAt: event.data.occurredAt,
    stakeholders: FoldMap.empty(),
    stakeholderRoles: FoldSet.empty(),
    provisionedOfferingIds: FoldSet.empty(),
    facts: RecordedFacts.empty(),
    outputEnablers: FoldMap.empty(),
    measurementSeries: FoldMap.empty(),
    counts: { ...NO_RELATIONSHIP_COUNTS },
    endReason: null,
  };
}

/** A copy whose own fields (counts included) may be changed; its Fold collections are shared. */
function ownedCopy(state: EstablishedRelationship): EstablishedRelationship {
  return { ...state, counts: { ...state.counts } };
}

/**
 * Applies one event to a state that the caller owns (a fresh copy, never one handed out):
 * fields are reassigned in place, the Fold collections extended (older versions stay intact).
 */
function apply(
  state: EstablishedRelationship,
  event: Exclude<RelationshipEvent, { type: 'RelationshipEstablished' }>,
): void {
  switch (event.type) {
    case 'StakeholderAssigned': {
      const { stakeholderId, role, name } = event.data;
      state.stakeholders = state.stakeholders.set(stakeholderId, { stakeholderId, role, name });
      state.stakeholderRoles = state.stakeholderRoles.add(role);
      recordFact(state, stakeholderId, 'StakeholderAssigned', event.data.occurredAt);
      state.counts.stakeholders += 1;
      return;
    }
    case 'ServiceProvisioned':
      state.provisionedOfferingIds = state.provisionedOfferingIds.add(event.data.offeringId);
      state.counts.provisions += 1;
      return;
    case 'ServiceDeprovisioned':
      state.provisionedOfferingIds = state.provisionedOfferingIds.delete(event.data.offeringId);
      return;
    case 'ServiceConsumed':
      recordFact(state, event.data.consumptionId, 'ServiceConsumed', event.data.occurredAt);
      state.counts.consumptions += 1;
      return;
    case 'OutputDelivered':
      recordFact(state, event.data.outputId, 'OutputDelivered', event.data.occurredAt);
      state.counts.outputs += 1;
      return;
    case 'OutcomeRealized': {
      const { outcomeId, enabledBy, occurredAt } = event.data;
      recordFact(state, outcomeId, 'OutcomeRealized', occurredAt, { enabledBy: [...enabledBy] });
      state.outputEnablers = countEnablers(state.outputEnablers, enabledBy, +1);
      state.counts.outcomes += 1;
      return;
    }
    case 'CostRecorded':
      recordFact(state, event.data.costId, 'CostRecorded', event.data.occurredAt);
      state.counts.costs += 1;
      return;
    case 'RiskRecorded':
      recordFact(state, event.data.riskId, 'RiskRecorded', event.data.occurredAt);
      state.counts.risks += 1;
      return;
    case 'ServiceLevelMeasured': {
      const { measurementId, offeringId, metric, period } = event.data;
      const series = measurementSeries(offeringId, metric);
      const ids = state.measurementSeries.get(series) ?? FoldList.empty<string>();
      // Measurements are placed in time by their period.
      recordFact(state, measurementId, 'ServiceLevelMeasured', period.start, {
        offeringId,
        metric,
        period,
      });
      state.measurementSeries = state.measurementSeries.set(series, ids.push(measurementId));
      state.counts.serviceLevelMeasurements += 1;
      return;
    }
    case 'RelationshipReviewed':
      recordFact(state, event.data.reviewId, 'RelationshipReviewed', event.data.occurredAt);
      state.counts.reviews += 1;
      return;
    case 'FactRetracted':
      retract(state, event.data.factId);
      return;
    case 'RelationshipEnded':
      state.status = 'ended';
      state.endReason = event.data.reason;
      return;
    default:
      assertNever(event, 'relationship event');
  }
}

/** A fact recorded (not retracted). */
function recordFact(
  state: EstablishedRelationship,
  factId: string,
  factType: RetractableFactType,
  occurredAt: string | undefined,
  extras?: FactExtras,
): void {
  // v2 facts carry when they occurred; v1 ones are upcast with it, so '' is a last resort.
  state.facts = state.facts.record(factId, factType, occurredAt ?? '', extras);
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
 * changes nothing. Applied to an owned state, like {@link apply}.
 */
function retract(state: EstablishedRelationship, factId: string): void {
  const fact = state.facts.get(factId);
  if (fact === undefined || fact.retracted) return;
  state.facts = state.facts.set(factId, { ...fact, retracted: true });
  state.counts[COUNTED[fact.factType]] -= 1;
  switch (fact.factType) {
    case 'StakeholderAssigned': {
      state.stakeholders = state.stakeholders.delete(factId);
      state.stakeholderRoles = FoldSet.from([...state.stakeholders.values()].map((s) => s.role));
      return;
    }
    case 'OutcomeRealized':
      state.outputEnablers = countEnablers(state.outputEnablers, fact.enabledBy ?? [], -1);
      return;
    case 'ServiceConsumed':
    case 'OutputDelivered':
    case 'CostRecorded':
    case 'RiskRecorded':
    case 'ServiceLevelMeasured':
    case 'RelationshipReviewed':
      return;
    default:
      assertNever(fact.factType, 'retractable fact type');
  }
}
