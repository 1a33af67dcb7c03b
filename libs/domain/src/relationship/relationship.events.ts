import { Effect, RiskSeverity, StakeholderRole, TargetComparison } from '../shared/vocabulary';

/*
 * Schema v2: every fact carries `occurredAt`, when it happened (a UTC ISO-8601 instant given by
 * the client, by default when it was recorded; the metadata keeps `recordedAt`). v1 events are
 * upcast on read with occurredAt = their recordedAt.
 *
 * Facts that record value co-creation within a relationship may name the offering they belong
 * to (`offeringId`). When the command leaves it out and exactly one offering is provisioned in
 * the relationship, the fact is attributed to that one; otherwise it stays `null`.
 */

export interface RelationshipEstablished {
  type: 'RelationshipEstablished';
  data: { relationshipId: string; providerId: string; consumerId: string; occurredAt: string };
}

/** Undone by a FactRetracted naming its `stakeholderId` (the stakeholder is unassigned). */
export interface StakeholderAssigned {
  type: 'StakeholderAssigned';
  data: {
    relationshipId: string;
    stakeholderId: string;
    role: StakeholderRole;
    name: string;
    occurredAt: string;
  };
}

export interface ServiceProvisioned {
  type: 'ServiceProvisioned';
  data: { relationshipId: string; offeringId: string; occurredAt: string };
}

/** v2: the relationship stops using the offering; facts about it are refused from then on. */
export interface ServiceDeprovisioned {
  type: 'ServiceDeprovisioned';
  data: { relationshipId: string; offeringId: string; occurredAt: string };
}

export interface ServiceConsumed {
  type: 'ServiceConsumed';
  data: {
    relationshipId: string;
    consumptionId: string;
    offeringId: string;
    description: string;
    occurredAt: string;
  };
}

/** A tangible or intangible deliverable of an activity. */
export interface OutputDelivered {
  type: 'OutputDelivered';
  data: {
    relationshipId: string;
    outputId: string;
    description: string;
    offeringId: string | null;
    occurredAt: string;
  };
}

/** A result for a stakeholder, enabled by one or more outputs already delivered. */
export interface OutcomeRealized {
  type: 'OutcomeRealized';
  data: {
    relationshipId: string;
    outcomeId: string;
    stakeholderRole: StakeholderRole;
    description: string;
    enabledBy: string[];
    offeringId: string | null;
    occurredAt: string;
  };
}

export interface CostRecorded {
  type: 'CostRecorded';
  data: {
    relationshipId: string;
    costId: string;
    effect: Effect;
    /** Exact positive decimal string, e.g. "1250.50" (never a float). */
    amount: string;
    /** ISO 4217 code, upper case. */
    currency: string;
    description: string;
    offeringId: string | null;
    occurredAt: string;
  };
}

export interface RiskRecorded {
  type: 'RiskRecorded';
  data: {
    relationshipId: string;
    riskId: string;
    effect: Effect;
    description: string;
    severity: RiskSeverity;
    offeringId: string | null;
    occurredAt: string;
  };
}

/**
 * A service level of the warranty measured over a period (its time is the period; no
 * occurredAt). Schema v2: `target`, `comparison` and `unit` are those of the offering's
 * warranty in force at `period.start`, and `breached` is derived from them when recorded
 * (v1 events: the caller's target, unit `percent` for availability else `unspecified`,
 * `breached` derived on upcast).
 */
export interface ServiceLevelMeasured {
  type: 'ServiceLevelMeasured';
  data: {
    relationshipId: string;
    measurementId: string;
    offeringId: string;
    metric: string;
    actual: number;
    /** UTC ISO-8601 instants (v1 events: as the caller wrote them), start < end. */
    period: { start: string; end: string };
    target: number;
    comparison: TargetComparison;
    unit: string;
    breached: boolean;
  };
}

/** Service relationship management: a stakeholder's perceived value, 1–5. */
export interface RelationshipReviewed {
  type: 'RelationshipReviewed';
  data: {
    relationshipId: string;
    reviewId: string;
    stakeholderRole: StakeholderRole;
    valueScore: number;
    comment: string | null;
    offeringId: string | null;
    occurredAt: string;
  };
}

/** The fact types a FactRetracted may withdraw, by the id field their answer carried. */
export const RETRACTABLE_FACTS = {
  StakeholderAssigned: 'stakeholderId',
  ServiceConsumed: 'consumptionId',
  OutputDelivered: 'outputId',
  OutcomeRealized: 'outcomeId',
  CostRecorded: 'costId',
  RiskRecorded: 'riskId',
  ServiceLevelMeasured: 'measurementId',
  RelationshipReviewed: 'reviewId',
} as const;
export type RetractableFactType = keyof typeof RETRACTABLE_FACTS;

/**
 * v2: withdraws one earlier fact of the relationship (recorded by mistake). Both events stay in
 * the log; projections and analytics leave the retracted fact out. `factType` is the event type
 * of the retracted fact.
 */
export interface FactRetracted {
  type: 'FactRetracted';
  data: {
    relationshipId: string;
    factId: string;
    factType: RetractableFactType;
    reason: string;
    occurredAt: string;
  };
}

export interface RelationshipEnded {
  type: 'RelationshipEnded';
  data: { relationshipId: string; reason: string | null; occurredAt: string };
}

export type RelationshipEvent =
  | RelationshipEstablished
  | StakeholderAssigned
  | ServiceProvisioned
  | ServiceDeprovisioned
  | ServiceConsumed
  | OutputDelivered
  | OutcomeRealized
  | CostRecorded
  | RiskRecorded
  | ServiceLevelMeasured
  | RelationshipReviewed
  | FactRetracted
  | RelationshipEnded;
