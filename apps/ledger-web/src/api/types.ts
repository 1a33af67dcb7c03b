// The answers the dashboard reads, in the shapes of SPEC v2's query and audit tables.

export type Role = 'service' | 'analyst' | 'auditor' | 'admin';

export interface Me {
  name: string;
  role: Role;
  actor: string;
  /** True when the ledger runs without keys. */
  open: boolean;
}

export interface Page<T> {
  items: T[];
  total?: number;
  nextCursor: string | null;
}

export type Comparison = 'at-least' | 'at-most';

export interface ServiceLevel {
  metric: string;
  target: number;
  comparison: Comparison;
  unit: string;
}

export interface CatalogOffering {
  id: string;
  name: string;
  providerId: string;
  status: string;
  targetConsumerGroup?: string;
  warranty?: { serviceLevels?: ServiceLevel[]; availabilityTarget?: number };
}

/** Amounts are exact decimal strings by currency, e.g. `{EUR: "1250.50"}`. */
export type Money = Record<string, string>;

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export interface MetricSummary {
  measurements: number;
  breaches: number;
  target?: number;
  comparison?: Comparison;
  unit?: string;
  mean?: number | null;
  min?: number | null;
  max?: number | null;
}

export interface OfferingAnalytics {
  provisions: number;
  outputs: number;
  outcomes: number;
  costs: { removed: Money; imposed: Money; net: Money };
  risks: { removed: Partial<Record<Severity, number>>; imposed: Partial<Record<Severity, number>> };
  serviceLevels: Record<string, MetricSummary>;
  averageValueScore: number | null;
  /** Mean value score per stakeholder role. */
  valueScore?: Record<string, { reviews: number; mean: number | null }>;
}

export interface TrendMonth {
  month: string;
  serviceLevels: Record<string, MetricSummary>;
  valueScore: Record<string, { reviews: number; mean: number | null }>;
  costs: { removed: Money; imposed: Money; net: Money };
  risks: { removed: Partial<Record<Severity, number>>; imposed: Partial<Record<Severity, number>> };
  outputs: number;
  outcomes: number;
}

export interface OfferingTrend {
  months: TrendMonth[];
}

export interface Party {
  id: string;
  name: string | null;
}

export interface RelationshipSummary {
  id: string;
  provider: Party;
  consumer: Party;
  status: 'active' | 'ended';
  stakeholders?: { stakeholderId: string; role: string; name: string }[];
  /** The offerings provisioned in it. */
  offerings?: string[];
  counts?: Partial<Record<string, number>> & { breaches?: number };
  /** Breached measurements, net of retractions. */
  breaches?: number;
  averageValueScore?: number | null;
  establishedAt?: string;
}

export type ImprovementStatus =
  'proposed' | 'approved' | 'rejected' | 'implemented' | 'evaluated' | 'withdrawn' | 'on-hold';

export interface Improvement {
  id: string;
  /** SPEC: `{offeringId}` or `{relationshipId}`. */
  subject?: { offeringId?: string; relationshipId?: string } | string;
  subjectId?: string;
  title: string;
  dimension: string;
  valueChainActivity: string;
  metric: string;
  direction?: 'increase' | 'decrease';
  baseline: number | null;
  baselineSource?: 'measured' | 'stated';
  target: number;
  targetDate?: string | null;
  actual?: number | null;
  actualSource?: 'measured' | 'stated' | null;
  targetMet?: boolean | null;
  benefitRealizedPercent?: number | null;
  closure?: string | null;
  owner?: string | null;
  proposedBy?: string | null;
  approvedBy?: string | null;
  evaluatedBy?: string | null;
  status: ImprovementStatus;
  overdue?: boolean;
  objective?: string | null;
  reason?: string | null;
  notes?: string | null;
  stageTimes?: {
    proposedAt: string;
    approvedAt: string | null;
    rejectedAt?: string | null;
    withdrawnAt?: string | null;
    heldAt?: string | null;
    resumedAt?: string | null;
    implementedAt: string | null;
    evaluatedAt: string | null;
  };
}

export interface MeasuredPeriod {
  period: { start: string; end: string };
  actual: number;
}

export interface ImprovementDetail extends Improvement {
  measurements?: { before: MeasuredPeriod[]; after: MeasuredPeriod[] };
}

export interface ImprovementAnalytics {
  byStatus?: Record<string, number>;
  overdue?: number;
}

export interface AuditEvent {
  streamId: string;
  revision: number;
  position: string;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor?: string; correlationId?: string; recordedAt: string };
}

export interface RelationshipReplay {
  relationshipId: string;
  asOf: string | null;
  revision: number | null;
  state: Record<string, unknown> & { status: string };
  events: AuditEvent[];
  integrity: { valid: boolean };
}

export interface VerificationReport {
  valid: boolean;
  eventsChecked: number;
  streamsChecked?: number;
  failures: { streamId: string; revision: number; reason: string; detail?: string }[];
}

/** One fact of a relationship's timeline (GET /v1/relationships/:id/timeline). */
export interface TimelineFact {
  factId: string | null;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: string | null;
  position: string;
  data: Record<string, unknown>;
  retracted: { reason: string; recordedAt: string; actor: string | null } | null;
}

export interface Timeline {
  relationshipId: string;
  facts: TimelineFact[];
}
