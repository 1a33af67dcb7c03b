/*
 * The relationship's evolve and decide as they were before the states were folded in linear
 * time (main @ a93918a): arrays copied on every event. Kept verbatim as the oracle the
 * property test compares the new state's decisions against. Spec files only; not exported.
 * v2 (timedomain) only retyped it: it makes v1-shaped events, and ignores what v2 added.
 */
import { isIso4217Currency } from '../src/shared/currency';
import { NotFound, RuleViolated } from '../src/shared/domain-errors';
import { parseIsoInstant } from '../src/shared/iso-time';
import { parsePositiveAmount } from '../src/shared/money';
import {
  EFFECTS,
  RISK_SEVERITIES,
  STAKEHOLDER_ROLES,
  StakeholderRole,
  TARGET_COMPARISONS,
} from '../src/shared/vocabulary';
import { ensureDifferentParties } from '../src/relationship/relationship-parties';
import {
  EstablishRelationship,
  MeasureServiceLevel,
  RealizeOutcome,
  RecordCost,
  RelationshipCommand,
} from '../src/relationship/relationship.commands';
import { RelationshipEvent } from '../src/relationship/relationship.events';

/** An event as the old decide made it (v1 shapes: no occurredAt, unit or breached). */
export interface OracleEvent {
  type: RelationshipEvent['type'];
  data: Record<string, unknown>;
}
import { RelationshipCounts, Stakeholder } from '../src/relationship/relationship.state';
/**
 * What decide needs to enforce the relationship's rules, and what an auditor sees when the
 * stream is replayed "as of" a time. Plain JSON-friendly data (arrays, not Sets).
 */
export interface OracleEstablished {
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

export type OracleState = { status: 'unestablished' } | OracleEstablished;

export const oracleInitialState: OracleState = { status: 'unestablished' };

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

export function oracleEvolve(state: OracleState, event: RelationshipEvent): OracleState {
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
    case 'ServiceDeprovisioned':
    case 'FactRetracted':
      // Events v2 added were unknown to the old fold.
      return state;
  }
}
function attributeToOffering(
  relationship: OracleEstablished,
  offeringId: string | null | undefined,
): string | null {
  if (offeringId !== undefined && offeringId !== null) {
    ensureProvisioned(relationship, offeringId);
    return offeringId;
  }
  const provisioned = relationship.provisionedOfferingIds;
  return provisioned.length === 1 ? (provisioned[0] ?? null) : null;
}

/** Consumption and service level measurements must name an offering provisioned here. */
function ensureProvisioned(relationship: OracleEstablished, offeringId: string): void {
  if (!relationship.provisionedOfferingIds.includes(offeringId)) {
    throw new RuleViolated(
      'offering-not-provisioned',
      `offering ${offeringId} is not provisioned in relationship ${relationship.relationshipId}`,
    );
  }
}
export function oracleDecide(command: RelationshipCommand, state: OracleState): OracleEvent[] {
  if (command.type === 'EstablishRelationship') return [establish(command, state)];
  const relationship = ensureActive(state, command.data.relationshipId);
  const { relationshipId } = relationship;
  switch (command.type) {
    case 'AssignStakeholder': {
      const { stakeholderId, role, name } = command.data;
      ensureStakeholderRole(role);
      if (relationship.stakeholders.some((s) => s.stakeholderId === stakeholderId)) {
        throw new RuleViolated(
          'stakeholder-already-assigned',
          `stakeholder ${stakeholderId} is already assigned to relationship ${relationshipId}`,
        );
      }
      return [{ type: 'StakeholderAssigned', data: { relationshipId, stakeholderId, role, name } }];
    }
    case 'ProvisionService': {
      const { offeringId } = command.data;
      if (relationship.provisionedOfferingIds.includes(offeringId)) {
        throw new RuleViolated(
          'already-provisioned',
          `offering ${offeringId} is already provisioned in relationship ${relationshipId}`,
        );
      }
      return [{ type: 'ServiceProvisioned', data: { relationshipId, offeringId } }];
    }
    case 'ConsumeService': {
      const { consumptionId, offeringId, description } = command.data;
      ensureProvisioned(relationship, offeringId);
      return [
        {
          type: 'ServiceConsumed',
          data: { relationshipId, consumptionId, offeringId, description },
        },
      ];
    }
    case 'DeliverOutput': {
      const { outputId, description } = command.data;
      if (relationship.deliveredOutputIds.includes(outputId)) {
        throw new RuleViolated(
          'output-already-delivered',
          `output ${outputId} is already delivered in relationship ${relationshipId}`,
        );
      }
      const offeringId = attributeToOffering(relationship, command.data.offeringId);
      return [
        { type: 'OutputDelivered', data: { relationshipId, outputId, description, offeringId } },
      ];
    }
    case 'RealizeOutcome':
      return [realizeOutcome(command, relationship)];
    case 'RecordCost':
      return [recordCost(command, relationship)];
    case 'RecordRisk': {
      const { riskId, effect, description, severity } = command.data;
      ensureEffect(effect);
      if (!RISK_SEVERITIES.includes(severity)) {
        throw new RuleViolated(
          'invalid-severity',
          `severity must be one of ${RISK_SEVERITIES.join(', ')}`,
        );
      }
      const offeringId = attributeToOffering(relationship, command.data.offeringId);
      return [
        {
          type: 'RiskRecorded',
          data: { relationshipId, riskId, effect, description, severity, offeringId },
        },
      ];
    }
    case 'MeasureServiceLevel':
      return [measureServiceLevel(command, relationship)];
    case 'ReviewRelationship': {
      const { reviewId, stakeholderRole, valueScore } = command.data;
      ensureStakeholderHeld(relationship, stakeholderRole, 'review');
      if (!Number.isInteger(valueScore) || valueScore < 1 || valueScore > 5) {
        throw new RuleViolated(
          'invalid-value-score',
          `value score must be an integer from 1 to 5, got ${valueScore}`,
        );
      }
      const offeringId = attributeToOffering(relationship, command.data.offeringId);
      return [
        {
          type: 'RelationshipReviewed',
          data: {
            relationshipId,
            reviewId,
            stakeholderRole,
            valueScore,
            comment: command.data.comment ?? null,
            offeringId,
          },
        },
      ];
    }
    case 'EndRelationship':
      return [
        {
          type: 'RelationshipEnded',
          data: { relationshipId, reason: command.data.reason ?? null },
        },
      ];
    case 'DeprovisionService':
    case 'RetractFact':
      // Commands v2 added were unknown to the old decide.
      throw new Error(`not in the v1 oracle: ${command.type}`);
  }
}

function establish(command: EstablishRelationship, state: OracleState): OracleEvent {
  const { relationshipId, providerId, consumerId } = command.data;
  if (state.status !== 'unestablished') {
    throw new RuleViolated('already-exists', `relationship ${relationshipId} already exists`);
  }
  ensureDifferentParties(providerId, consumerId);
  return { type: 'RelationshipEstablished', data: { relationshipId, providerId, consumerId } };
}

/** Nothing is recorded on an ended relationship, nor on one never established. */
function ensureActive(state: OracleState, relationshipId: string): OracleEstablished {
  if (state.status === 'unestablished') throw new NotFound('relationship', relationshipId);
  if (state.status === 'ended') {
    throw new RuleViolated('relationship-ended', `relationship ${relationshipId} has ended`);
  }
  return state;
}

/** An outcome is a result for a stakeholder role held here, enabled by outputs delivered here. */
function realizeOutcome(command: RealizeOutcome, relationship: OracleEstablished): OracleEvent {
  const { outcomeId, stakeholderRole, description, enabledBy } = command.data;
  const { relationshipId } = relationship;
  ensureStakeholderHeld(relationship, stakeholderRole, 'outcome');
  if (enabledBy.length === 0) {
    throw new RuleViolated(
      'outcome-without-output',
      'an outcome names at least one output that enabled it',
    );
  }
  const unknown = enabledBy.filter((id) => !relationship.deliveredOutputIds.includes(id));
  if (unknown.length > 0) {
    throw new RuleViolated(
      'unknown-output',
      `output(s) ${unknown.join(', ')} not delivered in relationship ${relationshipId}`,
    );
  }
  return {
    type: 'OutcomeRealized',
    data: {
      relationshipId,
      outcomeId,
      stakeholderRole,
      description,
      enabledBy: [...new Set(enabledBy)],
      offeringId: attributeToOffering(relationship, command.data.offeringId),
    },
  };
}

function recordCost(command: RecordCost, relationship: OracleEstablished): OracleEvent {
  const { costId, effect, currency, description } = command.data;
  ensureEffect(effect);
  const amount = parsePositiveAmount(command.data.amount);
  if (amount === undefined) {
    throw new RuleViolated(
      'invalid-amount',
      `amount must be a positive decimal with at most 4 fraction digits, got ${JSON.stringify(command.data.amount)}`,
    );
  }
  if (!isIso4217Currency(currency)) {
    throw new RuleViolated(
      'invalid-currency',
      `currency must be an active ISO 4217 code, got ${JSON.stringify(currency)}`,
    );
  }
  return {
    type: 'CostRecorded',
    data: {
      relationshipId: relationship.relationshipId,
      costId,
      effect,
      amount,
      currency,
      description,
      offeringId: attributeToOffering(relationship, command.data.offeringId),
    },
  };
}

/** Warranty measured against its target; a breach is derived later, never recorded. */
function measureServiceLevel(
  command: MeasureServiceLevel,
  relationship: OracleEstablished,
): OracleEvent {
  const { measurementId, offeringId, metric, target, actual, period } = command.data;
  const comparison = command.data.comparison ?? 'at-least';
  ensureProvisioned(relationship, offeringId);
  if (!Number.isFinite(target) || !Number.isFinite(actual)) {
    throw new RuleViolated('invalid-service-level', 'target and actual must be finite numbers');
  }
  if (!TARGET_COMPARISONS.includes(comparison)) {
    throw new RuleViolated(
      'invalid-comparison',
      `comparison must be one of ${TARGET_COMPARISONS.join(', ')}`,
    );
  }
  const start = parseIsoInstant(period.start);
  const end = parseIsoInstant(period.end);
  if (start === undefined || end === undefined || start > end) {
    throw new RuleViolated(
      'invalid-period',
      `period must be two ISO-8601 dates or date-times with start ≤ end, got ${period.start} – ${period.end}`,
    );
  }
  return {
    type: 'ServiceLevelMeasured',
    data: {
      relationshipId: relationship.relationshipId,
      measurementId,
      offeringId,
      metric,
      target,
      actual,
      comparison,
      period: { start: period.start, end: period.end },
    },
  };
}

function ensureStakeholderRole(role: StakeholderRole): void {
  if (!STAKEHOLDER_ROLES.includes(role)) {
    throw new RuleViolated(
      'invalid-stakeholder-role',
      `stakeholder role must be one of ${STAKEHOLDER_ROLES.join(', ')}`,
    );
  }
}

/** Outcomes and reviews speak for a stakeholder role someone holds in this relationship. */
function ensureStakeholderHeld(
  relationship: OracleEstablished,
  role: StakeholderRole,
  fact: 'outcome' | 'review',
): void {
  ensureStakeholderRole(role);
  if (!relationship.stakeholders.some((s) => s.role === role)) {
    throw new RuleViolated(
      'stakeholder-role-not-assigned',
      `no ${role} is assigned in relationship ${relationship.relationshipId}, so no ${fact} can be recorded for that role`,
    );
  }
}

function ensureEffect(effect: string): void {
  if (!(EFFECTS as readonly string[]).includes(effect)) {
    throw new RuleViolated('invalid-effect', `effect must be one of ${EFFECTS.join(', ')}`);
  }
}
