import { WarrantyRevision } from '../offering/warranty-in-force';
import { Effect, RiskSeverity, StakeholderRole, TargetComparison } from '../shared/vocabulary';

/*
 * Commands carry every id the resulting events need (the caller makes ids; the domain makes
 * none), and `now`, the instant the command is decided at (from the handler's clock: the
 * domain reads none). `occurredAt?` is when the fact happened, by default `now`.
 * `offeringId?` on value co-creation facts is optional: see `attributeToOffering`.
 */

interface Decided {
  now: string;
}

export interface EstablishRelationship extends Decided {
  type: 'EstablishRelationship';
  data: { relationshipId: string; providerId: string; consumerId: string; occurredAt?: string };
}

export interface AssignStakeholder extends Decided {
  type: 'AssignStakeholder';
  data: {
    relationshipId: string;
    stakeholderId: string;
    role: StakeholderRole;
    name: string;
    occurredAt?: string;
  };
}

export interface ProvisionService extends Decided {
  type: 'ProvisionService';
  data: { relationshipId: string; offeringId: string; occurredAt?: string };
}

export interface DeprovisionService extends Decided {
  type: 'DeprovisionService';
  data: { relationshipId: string; offeringId: string; occurredAt?: string };
}

export interface ConsumeService extends Decided {
  type: 'ConsumeService';
  data: {
    relationshipId: string;
    consumptionId: string;
    offeringId: string;
    description: string;
    occurredAt?: string;
  };
}

export interface DeliverOutput extends Decided {
  type: 'DeliverOutput';
  data: {
    relationshipId: string;
    outputId: string;
    description: string;
    offeringId?: string | null;
    occurredAt?: string;
  };
}

export interface RealizeOutcome extends Decided {
  type: 'RealizeOutcome';
  data: {
    relationshipId: string;
    outcomeId: string;
    stakeholderRole: StakeholderRole;
    description: string;
    enabledBy: string[];
    offeringId?: string | null;
    occurredAt?: string;
  };
}

export interface RecordCost extends Decided {
  type: 'RecordCost';
  data: {
    relationshipId: string;
    costId: string;
    effect: Effect;
    /** Positive exact decimal string; recorded in canonical form ("1250.50" → "1250.5"). */
    amount: string;
    currency: string;
    description: string;
    offeringId?: string | null;
    occurredAt?: string;
  };
}

export interface RecordRisk extends Decided {
  type: 'RecordRisk';
  data: {
    relationshipId: string;
    riskId: string;
    effect: Effect;
    description: string;
    severity: RiskSeverity;
    offeringId?: string | null;
    occurredAt?: string;
  };
}

/**
 * `warranties` is the measured offering's warranty history (every publication and revision),
 * read by the command handler from the offering's stream: target, comparison and unit come
 * from the one in force at `period.start`. A `target` or `comparison` given must match it.
 */
export interface MeasureServiceLevel extends Decided {
  type: 'MeasureServiceLevel';
  warranties: readonly WarrantyRevision[];
  data: {
    relationshipId: string;
    measurementId: string;
    offeringId: string;
    metric: string;
    actual: number;
    period: { start: string; end: string };
    target?: number;
    comparison?: TargetComparison;
  };
}

export interface ReviewRelationship extends Decided {
  type: 'ReviewRelationship';
  data: {
    relationshipId: string;
    reviewId: string;
    stakeholderRole: StakeholderRole;
    valueScore: number;
    comment?: string | null;
    offeringId?: string | null;
    occurredAt?: string;
  };
}

/** Withdraws the fact whose id (stakeholderId, costId, measurementId, …) is `factId`. */
export interface RetractFact extends Decided {
  type: 'RetractFact';
  data: { relationshipId: string; factId: string; reason: string; occurredAt?: string };
}

export interface EndRelationship extends Decided {
  type: 'EndRelationship';
  data: { relationshipId: string; reason?: string | null; occurredAt?: string };
}

export type RelationshipCommand =
  | EstablishRelationship
  | AssignStakeholder
  | ProvisionService
  | DeprovisionService
  | ConsumeService
  | DeliverOutput
  | RealizeOutcome
  | RecordCost
  | RecordRisk
  | MeasureServiceLevel
  | ReviewRelationship
  | RetractFact
  | EndRelationship;
