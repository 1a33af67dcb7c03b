import { Effect, RiskSeverity, StakeholderRole, TargetComparison } from '../shared/vocabulary';

/*
 * Commands carry every id the resulting events need (the caller makes ids; the domain makes
 * none). `offeringId?` on value co-creation facts is optional: see `attributeToOffering`.
 */

export interface EstablishRelationship {
  type: 'EstablishRelationship';
  data: { relationshipId: string; providerId: string; consumerId: string };
}

export interface AssignStakeholder {
  type: 'AssignStakeholder';
  data: { relationshipId: string; stakeholderId: string; role: StakeholderRole; name: string };
}

export interface ProvisionService {
  type: 'ProvisionService';
  data: { relationshipId: string; offeringId: string };
}

export interface ConsumeService {
  type: 'ConsumeService';
  data: { relationshipId: string; consumptionId: string; offeringId: string; description: string };
}

export interface DeliverOutput {
  type: 'DeliverOutput';
  data: {
    relationshipId: string;
    outputId: string;
    description: string;
    offeringId?: string | null;
  };
}

export interface RealizeOutcome {
  type: 'RealizeOutcome';
  data: {
    relationshipId: string;
    outcomeId: string;
    stakeholderRole: StakeholderRole;
    description: string;
    enabledBy: string[];
    offeringId?: string | null;
  };
}

export interface RecordCost {
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
  };
}

export interface RecordRisk {
  type: 'RecordRisk';
  data: {
    relationshipId: string;
    riskId: string;
    effect: Effect;
    description: string;
    severity: RiskSeverity;
    offeringId?: string | null;
  };
}

export interface MeasureServiceLevel {
  type: 'MeasureServiceLevel';
  data: {
    relationshipId: string;
    measurementId: string;
    offeringId: string;
    metric: string;
    target: number;
    actual: number;
    /** Defaults to 'at-least' (availability-like metrics). */
    comparison?: TargetComparison;
    period: { start: string; end: string };
  };
}

export interface ReviewRelationship {
  type: 'ReviewRelationship';
  data: {
    relationshipId: string;
    reviewId: string;
    stakeholderRole: StakeholderRole;
    valueScore: number;
    comment?: string | null;
    offeringId?: string | null;
  };
}

export interface EndRelationship {
  type: 'EndRelationship';
  data: { relationshipId: string; reason?: string | null };
}

export type RelationshipCommand =
  | EstablishRelationship
  | AssignStakeholder
  | ProvisionService
  | ConsumeService
  | DeliverOutput
  | RealizeOutcome
  | RecordCost
  | RecordRisk
  | MeasureServiceLevel
  | ReviewRelationship
  | EndRelationship;
