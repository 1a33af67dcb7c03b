import { ServiceLevel } from '../offering/offering.events';
import { warrantyInForce } from '../offering/warranty-in-force';
import { assertNever } from '../shared/assert-never';
import { isIso4217Currency } from '../shared/currency';
import { NotFound, RuleViolated } from '../shared/domain-errors';
import { parseIsoInstant } from '../shared/iso-time';
import { parsePositiveAmount } from '../shared/money';
import { instantMs, resolveOccurredAt } from '../shared/occurred-at';
import { isServiceLevelBreach } from '../shared/service-level-breach';
import { EFFECTS, RISK_SEVERITIES, STAKEHOLDER_ROLES, StakeholderRole } from '../shared/vocabulary';
import { isOutputDelivered } from './delivered-outputs';
import { attributeToOffering, ensureProvisioned } from './offering-attribution';
import { measurementSeries } from './recorded-fact';
import { ensureDifferentParties } from './relationship-parties';
import {
  EstablishRelationship,
  MeasureServiceLevel,
  RealizeOutcome,
  RecordCost,
  RelationshipCommand,
  RetractFact,
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
  if (command.type === 'MeasureServiceLevel') return [measureServiceLevel(command, relationship)];
  const occurredAt = factTime(command, relationship);
  switch (command.type) {
    case 'AssignStakeholder': {
      const { stakeholderId, role, name } = command.data;
      ensureStakeholderRole(role);
      if (relationship.stakeholders.has(stakeholderId)) {
        throw new RuleViolated(
          'stakeholder-already-assigned',
          `stakeholder ${stakeholderId} is already assigned to relationship ${relationshipId}`,
        );
      }
      return [
        {
          type: 'StakeholderAssigned',
          data: { relationshipId, stakeholderId, role, name, occurredAt },
        },
      ];
    }
    case 'ProvisionService': {
      const { offeringId } = command.data;
      if (relationship.provisionedOfferingIds.has(offeringId)) {
        throw new RuleViolated(
          'already-provisioned',
          `offering ${offeringId} is already provisioned in relationship ${relationshipId}`,
        );
      }
      return [{ type: 'ServiceProvisioned', data: { relationshipId, offeringId, occurredAt } }];
    }
    case 'DeprovisionService': {
      const { offeringId } = command.data;
      ensureProvisioned(relationship, offeringId);
      return [{ type: 'ServiceDeprovisioned', data: { relationshipId, offeringId, occurredAt } }];
    }
    case 'ConsumeService': {
      const { consumptionId, offeringId, description } = command.data;
      ensureProvisioned(relationship, offeringId);
      return [
        {
          type: 'ServiceConsumed',
          data: { relationshipId, consumptionId, offeringId, description, occurredAt },
        },
      ];
    }
    case 'DeliverOutput': {
      const { outputId, description } = command.data;
      if (isOutputDelivered(relationship, outputId)) {
        throw new RuleViolated(
          'output-already-delivered',
          `output ${outputId} is already delivered in relationship ${relationshipId}`,
        );
      }
      const offeringId = attributeToOffering(relationship, command.data.offeringId);
      return [
        {
          type: 'OutputDelivered',
          data: { relationshipId, outputId, description, offeringId, occurredAt },
        },
      ];
    }
    case 'RealizeOutcome':
      return [realizeOutcome(command, relationship, occurredAt)];
    case 'RecordCost':
      return [recordCost(command, relationship, occurredAt)];
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
          data: { relationshipId, riskId, effect, description, severity, offeringId, occurredAt },
        },
      ];
    }
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
            occurredAt,
          },
        },
      ];
    }
    case 'RetractFact':
      return [retractFact(command, relationship, occurredAt)];
    case 'EndRelationship':
      return [
        {
          type: 'RelationshipEnded',
          data: { relationshipId, reason: command.data.reason ?? null, occurredAt },
        },
      ];
    default:
      return assertNever(command, 'relationship command');
  }
}

/**
 * When the fact happened: the command's `occurredAt` (not in the future), else now; never
 * before the relationship itself was established.
 */
function factTime(
  command: Exclude<RelationshipCommand, MeasureServiceLevel | EstablishRelationship>,
  relationship: EstablishedRelationship,
): string {
  const occurredAt = resolveOccurredAt(command.data.occurredAt, command.now, 'occurredAt');
  ensureNotBeforeEstablished(relationship, occurredAt);
  return occurredAt;
}

function ensureNotBeforeEstablished(relationship: EstablishedRelationship, at: string): void {
  if (at < relationship.occurredAt) {
    throw new RuleViolated(
      'before-relationship-established',
      `${at} is before relationship ${relationship.relationshipId} was established (${relationship.occurredAt})`,
    );
  }
}

function establish(command: EstablishRelationship, state: RelationshipState): RelationshipEvent {
  const { relationshipId, providerId, consumerId } = command.data;
  if (state.status !== 'unestablished') {
    throw new RuleViolated('already-exists', `relationship ${relationshipId} already exists`);
  }
  ensureDifferentParties(providerId, consumerId);
  const occurredAt = resolveOccurredAt(command.data.occurredAt, command.now, 'occurredAt');
  return {
    type: 'RelationshipEstablished',
    data: { relationshipId, providerId, consumerId, occurredAt },
  };
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
  occurredAt: string,
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
  const unknown = enabledBy.filter((id) => !isOutputDelivered(relationship, id));
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
      occurredAt,
    },
  };
}

function recordCost(
  command: RecordCost,
  relationship: EstablishedRelationship,
  occurredAt: string,
): RelationshipEvent {
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
      occurredAt,
    },
  };
}

/**
 * A service level of the warranty measured over a period, judged against the warranty in force
 * at the period's start (handed in by the handler from the offering's stream): its target,
 * comparison and unit are recorded with the measurement, and whether it breached.
 */
function measureServiceLevel(
  command: MeasureServiceLevel,
  relationship: EstablishedRelationship,
): RelationshipEvent {
  const { measurementId, offeringId, metric, actual } = command.data;
  ensureProvisioned(relationship, offeringId);
  if (!Number.isFinite(actual)) {
    throw new RuleViolated('invalid-service-level', 'actual must be a finite number');
  }
  const period = periodOf(command.data.period);
  if (period.end <= relationship.occurredAt) {
    throw new RuleViolated(
      'before-relationship-established',
      `the period ${period.start} – ${period.end} ends before relationship ${relationship.relationshipId} was established (${relationship.occurredAt})`,
    );
  }
  const level = serviceLevelInForce(command.warranties, offeringId, metric, period.start);
  ensureNoOverlap(relationship, offeringId, metric, period);
  const { target, comparison } = command.data;
  if (
    (target !== undefined && target !== level.target) ||
    (comparison !== undefined && comparison !== level.comparison)
  ) {
    throw new RuleViolated(
      'target-mismatch',
      `the warranty in force at ${period.start} sets ${metric} ${level.comparison} ${level.target} ${level.unit}; the measurement says ${comparison ?? level.comparison} ${target ?? level.target}`,
    );
  }
  return {
    type: 'ServiceLevelMeasured',
    data: {
      relationshipId: relationship.relationshipId,
      measurementId,
      offeringId,
      metric,
      actual,
      period,
      target: level.target,
      comparison: level.comparison,
      unit: level.unit,
      breached: isServiceLevelBreach({
        target: level.target,
        comparison: level.comparison,
        actual,
      }),
    },
  };
}

/**
 * One period of one metric of one offering is measured once: a period that overlaps an earlier,
 * unretracted measurement of the same series is refused (retract the wrong one first).
 */
function ensureNoOverlap(
  relationship: EstablishedRelationship,
  offeringId: string,
  metric: string,
  period: { start: string; end: string },
): void {
  const ids = relationship.measurementSeries.get(measurementSeries(offeringId, metric));
  if (ids === undefined) return;
  const [start, end] = [instantMs(period.start), instantMs(period.end)];
  for (const measurementId of ids.values()) {
    const earlier = relationship.facts.get(measurementId);
    if (earlier?.period === undefined || earlier.retracted) continue;
    const from = parseIsoInstant(earlier.period.start);
    const to = parseIsoInstant(earlier.period.end);
    if (from === undefined || to === undefined) continue;
    // Half-open periods [start, end): one that ends where the next starts does not overlap.
    if (start < to && from < end) {
      throw new RuleViolated(
        'period-overlaps',
        `the period ${period.start} – ${period.end} overlaps measurement ${measurementId} of ${metric} (${earlier.period.start} – ${earlier.period.end}); retract that one first to correct it`,
      );
    }
  }
}

/**
 * Withdraws one earlier fact, named by the id its answer carried. An output that an
 * unretracted outcome names stays: retract the outcome first.
 */
function retractFact(
  command: RetractFact,
  relationship: EstablishedRelationship,
  occurredAt: string,
): RelationshipEvent {
  const { factId, reason } = command.data;
  const { relationshipId } = relationship;
  const fact = relationship.facts.get(factId);
  if (fact === undefined) {
    throw new RuleViolated(
      'unknown-fact',
      `relationship ${relationshipId} has no fact ${factId} that can be retracted`,
    );
  }
  if (fact.retracted) {
    throw new RuleViolated('already-retracted', `fact ${factId} is already retracted`);
  }
  if (fact.factType === 'OutputDelivered' && (relationship.outputEnablers.get(factId) ?? 0) > 0) {
    throw new RuleViolated(
      'output-enables-outcome',
      `output ${factId} enabled an outcome that is not retracted; retract the outcome first`,
    );
  }
  return {
    type: 'FactRetracted',
    data: { relationshipId, factId, factType: fact.factType, reason, occurredAt },
  };
}

/** A period of two instants, start < end, both recorded in UTC. */
function periodOf(period: { start: string; end: string }): { start: string; end: string } {
  const start = parseIsoInstant(period.start);
  const end = parseIsoInstant(period.end);
  if (start === undefined || end === undefined || start >= end) {
    throw new RuleViolated(
      'invalid-period',
      `period must be two ISO-8601 instants with start before end, got ${period.start} – ${period.end}`,
    );
  }
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

function serviceLevelInForce(
  warranties: MeasureServiceLevel['warranties'],
  offeringId: string,
  metric: string,
  at: string,
): ServiceLevel {
  const warranty = warrantyInForce(warranties, at);
  const level = warranty?.serviceLevels.find((l) => l.metric === metric);
  if (level === undefined) {
    throw new RuleViolated(
      'metric-not-in-warranty',
      warranty === undefined
        ? `offering ${offeringId} had no warranty in force at ${at}`
        : `the warranty of offering ${offeringId} in force at ${at} has no service level ${metric} (it has ${warranty.serviceLevels.map((l) => l.metric).join(', ')})`,
    );
  }
  return level;
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
