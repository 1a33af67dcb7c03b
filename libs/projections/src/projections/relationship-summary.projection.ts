import { isServiceLevelBreach, StakeholderRole } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { dataOf } from './event-data';
import { addCost, CostsByEffect, emptyCosts } from './money-by-currency';

export interface Party {
  id: string;
  name: string | null;
}

/** What happened in one service relationship, counted. */
export interface RelationshipSummary {
  id: string;
  provider: Party;
  consumer: Party;
  status: 'active' | 'ended';
  stakeholders: { stakeholderId: string; role: StakeholderRole; name: string }[];
  offerings: string[];
  counts: {
    provisions: number;
    consumptions: number;
    outputs: number;
    outcomes: number;
    costs: number;
    risks: number;
    measurements: number;
    breaches: number;
    reviews: number;
  };
  costs: CostsByEffect;
  risks: { removed: number; imposed: number };
  valueScores: { count: number; total: number };
  establishedAt: string;
  endedAt: string | null;
  endReason: string | null;
  lastRecordedAt: string;
}

/** Relationship summaries: parties, stakeholders, counts, exact cost totals, status. */
export class RelationshipSummaryProjection implements Projection {
  static readonly NAME = 'relationship-summary';
  readonly name = RelationshipSummaryProjection.NAME;
  readonly version = 1;
  readonly handles = [
    'OrganizationRegistered',
    'RelationshipEstablished',
    'StakeholderAssigned',
    'ServiceProvisioned',
    'ServiceConsumed',
    'OutputDelivered',
    'OutcomeRealized',
    'CostRecorded',
    'RiskRecorded',
    'ServiceLevelMeasured',
    'RelationshipReviewed',
    'RelationshipEnded',
  ] as const;
  readonly collections = [{ name: 'relationships' }, { name: 'organizations' }] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    const at = event.metadata.recordedAt;
    if (event.type === 'OrganizationRegistered') {
      const data = dataOf(event, 'OrganizationRegistered');
      session.put('organizations', data.organizationId, { name: data.name });
      return;
    }
    if (event.type === 'RelationshipEstablished') {
      const data = dataOf(event, 'RelationshipEstablished');
      const party = (id: string): Party => ({
        id,
        name: session.get<{ name: string }>('organizations', id)?.name ?? null,
      });
      session.put<RelationshipSummary>('relationships', data.relationshipId, {
        id: data.relationshipId,
        provider: party(data.providerId),
        consumer: party(data.consumerId),
        status: 'active',
        stakeholders: [],
        offerings: [],
        counts: {
          provisions: 0,
          consumptions: 0,
          outputs: 0,
          outcomes: 0,
          costs: 0,
          risks: 0,
          measurements: 0,
          breaches: 0,
          reviews: 0,
        },
        costs: emptyCosts(),
        risks: { removed: 0, imposed: 0 },
        valueScores: { count: 0, total: 0 },
        establishedAt: at,
        endedAt: null,
        endReason: null,
        lastRecordedAt: at,
      });
      return;
    }
    const relationshipId = (event.data as { relationshipId?: string }).relationshipId;
    if (relationshipId === undefined) return;
    const summary = session.get<RelationshipSummary>('relationships', relationshipId);
    if (!summary) return;
    summary.lastRecordedAt = at;
    switch (event.type) {
      case 'StakeholderAssigned': {
        const { stakeholderId, role, name } = dataOf(event, 'StakeholderAssigned');
        summary.stakeholders.push({ stakeholderId, role, name });
        break;
      }
      case 'ServiceProvisioned': {
        const { offeringId } = dataOf(event, 'ServiceProvisioned');
        summary.counts.provisions++;
        if (!summary.offerings.includes(offeringId)) summary.offerings.push(offeringId);
        break;
      }
      case 'ServiceConsumed':
        summary.counts.consumptions++;
        break;
      case 'OutputDelivered':
        summary.counts.outputs++;
        break;
      case 'OutcomeRealized':
        summary.counts.outcomes++;
        break;
      case 'CostRecorded': {
        const { effect, currency, amount } = dataOf(event, 'CostRecorded');
        summary.counts.costs++;
        addCost(summary.costs, effect, currency, amount);
        break;
      }
      case 'RiskRecorded':
        summary.counts.risks++;
        summary.risks[dataOf(event, 'RiskRecorded').effect]++;
        break;
      case 'ServiceLevelMeasured':
        summary.counts.measurements++;
        if (isServiceLevelBreach(dataOf(event, 'ServiceLevelMeasured'))) summary.counts.breaches++;
        break;
      case 'RelationshipReviewed':
        summary.counts.reviews++;
        summary.valueScores.count++;
        summary.valueScores.total += dataOf(event, 'RelationshipReviewed').valueScore;
        break;
      case 'RelationshipEnded':
        summary.status = 'ended';
        summary.endedAt = at;
        summary.endReason = dataOf(event, 'RelationshipEnded').reason;
        break;
      default:
        break;
    }
    session.put('relationships', relationshipId, summary);
  }
}
