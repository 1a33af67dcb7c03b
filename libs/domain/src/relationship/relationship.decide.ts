import { assertNever } from '../shared/assert-never';
import { isIso4217Currency } from '../shared/currency';
import { NotFound, RuleViolated } from '../shared/domain-errors';
import { parseIsoInstant } from '../shared/iso-time';
import { parsePositiveAmount } from '../shared/money';
import {
  EFFECTS,
  RISK_SEVERITIES,
  STAKEHOLDER_ROLES,
  StakeholderRole,
  TARGET_COMPARISONS,
} from '../shared/vocabulary';
import { attributeToOffering, ensureProvisioned } from './offering-attribution';
import { ensureDifferentParties } from './relationship-parties';
import {
  EstablishRelationship,
  MeasureServiceLevel,
  RealizeOutcome,
  RecordCost,
  RelationshipCommand,
} from './relationship.commands';
import { RelationshipEvent } from './relationship.events';
import { EstablishedRelationship, RelationshipState } from './relationship.state';

/**
 * Relationship rules on its own stream. Rules that need other streams are checked by the
 * command handler first: `ensureRelationshipParties` (both organizations registered) for
 * EstablishRelationship, `ensureOfferingProvisionable` (published, not retired, this
 * provider's) for ProvisionService.
 */
export function decideRelationship(
  command: RelationshipCommand,
  state: RelationshipState,
): RelationshipEvent[] {
  if (command.type === 'EstablishRelationship') return [establish(command, state)];
  const relationship = ensureActive(state, command.data.relationshipId);
  const { relationshipId } = relationship;
  switch (command.type) {
    case 'AssignStakeholder': {
      const { stakeholderId, role, name } = command.data;
      ensureStakeholderRole(role);
      if (relationship.stakeholderIds.has(stakeholderId)) {
        throw new RuleViolated(
          'stakeholder-already-assigned',
          `stakeholder ${stakeholderId} is already assigned to relationship ${relationshipId}`,
        );
      }
      return [{ type: 'StakeholderAssigned', data: { relationshipId, stakeholderId, role, name } }];
    }
    case 'ProvisionService': {
      const { offeringId } = command.data;
      if (relationship.provisionedOfferingIds.has(offeringId)) {
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
      if (relationship.deliveredOutputIds.has(outputId)) {
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
    default:
      return assertNever(command, 'relationship command');
  }
}

function establish(command: EstablishRelationship, state: RelationshipState): RelationshipEvent {
  const { relationshipId, providerId, consumerId } = command.data;
  if (state.status !== 'unestablished') {
    throw new RuleViolated('already-exists', `relationship ${relationshipId} already exists`);
  }
  ensureDifferentParties(providerId, consumerId);
  return { type: 'RelationshipEstablished', data: { relationshipId, providerId, consumerId } };
}

/** Nothing is recorded on an ended relationship, nor on one never established. */
function ensureActive(state: RelationshipState, relationshipId: string): EstablishedRelationship {
  if (state.status === 'unestablished') throw new NotFound('relationship', relationshipId);
  if (state.status === 'ended') {
    throw new RuleViolated('relationship-ended', `relationship ${relationshipId} has ended`);
  }
  return state;
}

/** An outcome is a result for a stakeholder role held here, enabled by outputs delivered here. */
function realizeOutcome(
  command: RealizeOutcome,
  relationship: EstablishedRelationship,
): RelationshipEvent {
  const { outcomeId, stakeholderRole, description, enabledBy } = command.data;
  const { relationshipId } = relationship;
  ensureStakeholderHeld(relationship, stakeholderRole, 'outcome');
  if (enabledBy.length === 0) {
    throw new RuleViolated(
      'outcome-without-output',
      'an outcome names at least one output that enabled it',
    );
  }
  const unknown = enabledBy.filter((id) => !relationship.deliveredOutputIds.has(id));
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

function recordCost(command: RecordCost, relationship: EstablishedRelationship): RelationshipEvent {
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
  relationship: EstablishedRelationship,
): RelationshipEvent {
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
  relationship: EstablishedRelationship,
  role: StakeholderRole,
  fact: 'outcome' | 'review',
): void {
  ensureStakeholderRole(role);
  if (!relationship.stakeholderRoles.has(role)) {
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
