import { isServiceLevelBreach } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { dataOf } from './event-data';
import { addCost, CostsByEffect, emptyCosts } from './money-by-currency';

/** Value co-created through one offering, across every relationship that provisions it. */
export interface OfferingAnalytics {
  offeringId: string;
  name: string;
  providerId: string;
  availabilityTarget: number;
  provisions: number;
  consumptions: number;
  outputs: number;
  outcomes: number;
  costs: CostsByEffect;
  risks: { removed: number; imposed: number };
  serviceLevels: {
    measurements: number;
    breaches: number;
    byMetric: Record<string, { measurements: number; breaches: number }>;
  };
  valueScores: { count: number; total: number };
  firstProvisionedAt: string | null;
  firstOutcomeAt: string | null;
}

/**
 * Offering analytics. Facts whose `offeringId` is null (not attributable to one offering) are
 * left out here and still counted in the relationship summary.
 */
export class OfferingAnalyticsProjection implements Projection {
  static readonly NAME = 'offering-analytics';
  readonly name = OfferingAnalyticsProjection.NAME;
  readonly version = 1;
  readonly handles = [
    'OfferingPublished',
    'OfferingRevised',
    'ServiceProvisioned',
    'ServiceConsumed',
    'OutputDelivered',
    'OutcomeRealized',
    'CostRecorded',
    'RiskRecorded',
    'ServiceLevelMeasured',
    'RelationshipReviewed',
  ] as const;
  readonly collections = [{ name: 'offerings' }] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    const at = event.metadata.recordedAt;
    if (event.type === 'OfferingPublished') {
      const data = dataOf(event, 'OfferingPublished');
      session.put<OfferingAnalytics>('offerings', data.offeringId, {
        offeringId: data.offeringId,
        name: data.name,
        providerId: data.providerId,
        availabilityTarget: data.warranty.availabilityTarget,
        provisions: 0,
        consumptions: 0,
        outputs: 0,
        outcomes: 0,
        costs: emptyCosts(),
        risks: { removed: 0, imposed: 0 },
        serviceLevels: { measurements: 0, breaches: 0, byMetric: {} },
        valueScores: { count: 0, total: 0 },
        firstProvisionedAt: null,
        firstOutcomeAt: null,
      });
      return;
    }
    const offeringId = (event.data as { offeringId?: string | null }).offeringId;
    if (!offeringId) return;
    const offering = session.get<OfferingAnalytics>('offerings', offeringId);
    if (!offering) return;
    switch (event.type) {
      case 'OfferingRevised': {
        const data = dataOf(event, 'OfferingRevised');
        offering.name = data.name;
        offering.availabilityTarget = data.warranty.availabilityTarget;
        break;
      }
      case 'ServiceProvisioned':
        offering.provisions++;
        offering.firstProvisionedAt ??= at;
        break;
      case 'ServiceConsumed':
        offering.consumptions++;
        break;
      case 'OutputDelivered':
        offering.outputs++;
        break;
      case 'OutcomeRealized':
        offering.outcomes++;
        offering.firstOutcomeAt ??= at;
        break;
      case 'CostRecorded': {
        const { effect, currency, amount } = dataOf(event, 'CostRecorded');
        addCost(offering.costs, effect, currency, amount);
        break;
      }
      case 'RiskRecorded':
        offering.risks[dataOf(event, 'RiskRecorded').effect]++;
        break;
      case 'ServiceLevelMeasured': {
        const data = dataOf(event, 'ServiceLevelMeasured');
        const breach = isServiceLevelBreach(data) ? 1 : 0;
        const metric = (offering.serviceLevels.byMetric[data.metric] ??= {
          measurements: 0,
          breaches: 0,
        });
        metric.measurements++;
        metric.breaches += breach;
        offering.serviceLevels.measurements++;
        offering.serviceLevels.breaches += breach;
        break;
      }
      case 'RelationshipReviewed':
        offering.valueScores.count++;
        offering.valueScores.total += dataOf(event, 'RelationshipReviewed').valueScore;
        break;
      default:
        return;
    }
    session.put('offerings', offeringId, offering);
  }
}
