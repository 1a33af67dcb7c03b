import { assertNever, StakeholderRole } from '@app/domain';
import { ProjectedEvent, Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { occurredAtOf } from './fact-time';
import { addCost, CostTotals, emptyCosts } from './money-by-currency';
import { addRisk, emptyRisks, RisksBySeverity } from './risks-by-severity';
import { retractedFactOf } from '../runner/retracted-facts';
import { SummaryFact, summaryFactOf } from './summary-fact';

export interface Party {
  id: string;
  name: string | null;
}

export interface Stakeholder {
  stakeholderId: string;
  role: StakeholderRole;
  name: string;
  occurredAt: string;
}

/** An offering provisioned in the relationship; deprovisioned ones stay, with the time. */
export interface Provision {
  offeringId: string;
  provisionedAt: string;
  deprovisionedAt: string | null;
}

export interface RelationshipCounts {
  provisions: number;
  deprovisions: number;
  consumptions: number;
  outputs: number;
  outcomes: number;
  costs: number;
  risks: number;
  measurements: number;
  breaches: number;
  reviews: number;
  retractions: number;
}

/** What happened in one service relationship, counted net of retracted facts. */
export interface RelationshipSummary {
  id: string;
  providerId: string;
  consumerId: string;
  provider: Party;
  consumer: Party;
  status: 'active' | 'ended';
  stakeholders: Stakeholder[];
  provisions: Provision[];
  /** Every offering ever provisioned here, in order (deprovisioned ones included). */
  offerings: string[];
  counts: RelationshipCounts;
  /** Breached measurements (= counts.breaches; top level so lists sort by it). */
  breaches: number;
  costs: CostTotals;
  risks: RisksBySeverity;
  /** Mean value score of the unretracted reviews, two decimals; null with none. */
  averageValueScore: number | null;
  valueScores: { count: number; total: number };
  /** When the relationship was established (its `occurredAt`). */
  establishedAt: string;
  endedAt: string | null;
  endReason: string | null;
  lastRecordedAt: string;
}

/** A registered organization (for the organization list and its page). */
export interface OrganizationEntry {
  id: string;
  name: string;
  registeredAt: string;
  /** The name in lower case: what `?q=` searches. */
  search: string;
}

export const RELATIONSHIP_SORT_FIELDS = ['breaches', 'averageValueScore', 'establishedAt'] as const;

const HANDLES = [
  'OrganizationRegistered',
  'RelationshipEstablished',
  'StakeholderAssigned',
  'ServiceProvisioned',
  'ServiceDeprovisioned',
  'ServiceConsumed',
  'OutputDelivered',
  'OutcomeRealized',
  'CostRecorded',
  'RiskRecorded',
  'ServiceLevelMeasured',
  'RelationshipReviewed',
  'FactRetracted',
  'RelationshipEnded',
] as const;
type Handled = (typeof HANDLES)[number];

/**
 * Relationship summaries and the organizations they join, net of retractions: a FactRetracted
 * arrives with the fact it withdraws (runner/retracted-facts) and takes back exactly what that
 * fact added.
 */
export class RelationshipSummaryProjection implements Projection<Handled> {
  static readonly NAME = 'relationship-summary';
  readonly name = RelationshipSummaryProjection.NAME;
  readonly version = 3;
  readonly handles = HANDLES;
  readonly collections = [
    {
      name: 'relationships',
      indexes: ['providerId', 'consumerId', 'status', ...RELATIONSHIP_SORT_FIELDS],
    },
    { name: 'organizations', indexes: ['search'] },
  ] as const;

  apply(session: DocumentSession, event: ProjectedEvent<Handled>): void {
    if (event.type === 'OrganizationRegistered') {
      const { organizationId, name } = event.data;
      session.put<OrganizationEntry>('organizations', organizationId, {
        id: organizationId,
        name,
        registeredAt: event.metadata.recordedAt,
        search: name.toLowerCase(),
      });
      return;
    }
    if (event.type === 'RelationshipEstablished') {
      this.establish(session, event);
      return;
    }
    const { relationshipId } = event.data;
    if (relationshipId === undefined) return;
    const summary = session.get<RelationshipSummary>('relationships', relationshipId);
    if (!summary) return;
    summary.lastRecordedAt = event.metadata.recordedAt;
    const at = occurredAtOf(event);
    switch (event.type) {
      case 'ServiceProvisioned': {
        const { offeringId } = event.data;
        summary.counts.provisions++;
        summary.provisions.push({ offeringId, provisionedAt: at, deprovisionedAt: null });
        if (!summary.offerings.includes(offeringId)) summary.offerings.push(offeringId);
        break;
      }
      case 'ServiceDeprovisioned': {
        const { offeringId } = event.data;
        summary.counts.deprovisions++;
        const open = [...summary.provisions]
          .reverse()
          .find((p) => p.offeringId === offeringId && p.deprovisionedAt === null);
        if (open) open.deprovisionedAt = at;
        break;
      }
      case 'FactRetracted': {
        summary.counts.retractions++;
        const retracted = retractedFactOf(event);
        const found = retracted && summaryFactOf(retracted, occurredAtOf(retracted));
        if (found) count(summary, found.factId, found.fact, -1);
        break;
      }
      case 'RelationshipEnded':
        summary.status = 'ended';
        summary.endedAt = at;
        summary.endReason = event.data.reason;
        break;
      case 'StakeholderAssigned':
      case 'ServiceConsumed':
      case 'OutputDelivered':
      case 'OutcomeRealized':
      case 'CostRecorded':
      case 'RiskRecorded':
      case 'ServiceLevelMeasured':
      case 'RelationshipReviewed': {
        const found = summaryFactOf(event, at);
        if (!found) return;
        count(summary, found.factId, found.fact, 1);
        break;
      }
      default:
        assertNever(event, 'event');
    }
    session.put('relationships', relationshipId, summary);
  }

  private establish(
    session: DocumentSession,
    event: ProjectedEvent<'RelationshipEstablished'>,
  ): void {
    const data = event.data;
    const party = (id: string): Party => ({
      id,
      name: session.get<OrganizationEntry>('organizations', id)?.name ?? null,
    });
    session.put<RelationshipSummary>('relationships', data.relationshipId, {
      id: data.relationshipId,
      providerId: data.providerId,
      consumerId: data.consumerId,
      provider: party(data.providerId),
      consumer: party(data.consumerId),
      status: 'active',
      stakeholders: [],
      provisions: [],
      offerings: [],
      counts: {
        provisions: 0,
        deprovisions: 0,
        consumptions: 0,
        outputs: 0,
        outcomes: 0,
        costs: 0,
        risks: 0,
        measurements: 0,
        breaches: 0,
        reviews: 0,
        retractions: 0,
      },
      breaches: 0,
      costs: emptyCosts(),
      risks: emptyRisks(),
      averageValueScore: null,
      valueScores: { count: 0, total: 0 },
      establishedAt: occurredAtOf(event),
      endedAt: null,
      endReason: null,
      lastRecordedAt: event.metadata.recordedAt,
    });
  }
}

/** Adds a fact to the summary (`sign` 1) or takes a retracted one back out (`sign` -1). */
function count(
  summary: RelationshipSummary,
  factId: string,
  fact: SummaryFact,
  sign: 1 | -1,
): void {
  const counts = summary.counts;
  switch (fact[0]) {
    case 'stakeholder':
      if (sign === 1) {
        const [, role, name, occurredAt] = fact;
        summary.stakeholders.push({ stakeholderId: factId, role, name, occurredAt });
      } else {
        summary.stakeholders = summary.stakeholders.filter((s) => s.stakeholderId !== factId);
      }
      return;
    case 'consumption':
      counts.consumptions += sign;
      return;
    case 'output':
      counts.outputs += sign;
      return;
    case 'outcome':
      counts.outcomes += sign;
      return;
    case 'cost':
      counts.costs += sign;
      addCost(summary.costs, fact[1], fact[2], fact[3], sign);
      return;
    case 'risk':
      counts.risks += sign;
      addRisk(summary.risks, fact[1], fact[2], sign);
      return;
    case 'measurement':
      counts.measurements += sign;
      if (fact[1]) counts.breaches += sign;
      summary.breaches = counts.breaches;
      return;
    case 'review': {
      counts.reviews += sign;
      const scores = summary.valueScores;
      scores.count += sign;
      scores.total += sign * fact[1];
      summary.averageValueScore =
        scores.count === 0 ? null : Math.round((scores.total / scores.count) * 100) / 100;
      return;
    }
  }
}
