import { Effect, RiskSeverity, StakeholderRole, TargetComparison } from '../shared/vocabulary';

/*
 * Facts that record value co-creation within a relationship may name the offering they belong
 * to (`offeringId`). When the command leaves it out and exactly one offering is provisioned in
 * the relationship, the fact is attributed to that one; otherwise it stays `null`.
 */

export interface RelationshipEstablished {
  type: 'RelationshipEstablished';
  data: { relationshipId: string; providerId: string; consumerId: string };
}

export interface StakeholderAssigned {
  type: 'StakeholderAssigned';
  data: { relationshipId: string; stakeholderId: string; role: StakeholderRole; name: string };
}

export interface ServiceProvisioned {
  type: 'ServiceProvisioned';
  data: { relationshipId: string; offeringId: string };
}

export interface ServiceConsumed {
  type: 'ServiceConsumed';
  data: { relationshipId: string; consumptionId: string; offeringId: string; description: string };
}

/** A tangible or intangible deliverable of an activity. */
export interface OutputDelivered {
  type: 'OutputDelivered';
  data: {
    relationshipId: string;
    outputId: string;
    description: string;
    offeringId: string | null;
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
  };
}

/** Warranty measured: a breach is derived from target, actual and comparison, never posted. */
export interface ServiceLevelMeasured {
  type: 'ServiceLevelMeasured';
  data: {
    relationshipId: string;
    measurementId: string;
    offeringId: string;
    metric: string;
    target: number;
    actual: number;
    comparison: TargetComparison;
    /** ISO-8601 dates or date-times, start ≤ end. */
    period: { start: string; end: string };
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
  };
}

export interface RelationshipEnded {
  type: 'RelationshipEnded';
  data: { relationshipId: string; reason: string | null };
}

export type RelationshipEvent =
  | RelationshipEstablished
  | StakeholderAssigned
  | ServiceProvisioned
  | ServiceConsumed
  | OutputDelivered
  | OutcomeRealized
  | CostRecorded
  | RiskRecorded
  | ServiceLevelMeasured
  | RelationshipReviewed
  | RelationshipEnded;
