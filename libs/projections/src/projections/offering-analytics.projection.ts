import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { dataOf } from './event-data';
import { occurredAtOf } from './fact-time';
import { WarrantyRevisionEntry, warrantyRevisionOf } from './warranty-history';

/**
 * An offering as its analytics need it: who provides it, its warranty revisions (the target of
 * each metric is the one in force) and how often it was provisioned. Everything that happens
 * within relationships is in the offering trend, by month; the analytics add the months up.
 */
export interface OfferingAnalytics {
  offeringId: string;
  name: string;
  providerId: string;
  /** In recorded order. */
  warranties: WarrantyRevisionEntry[];
  provisions: number;
  deprovisions: number;
  firstProvisionedAt: string | null;
}

export class OfferingAnalyticsProjection implements Projection {
  static readonly NAME = 'offering-analytics';
  readonly name = OfferingAnalyticsProjection.NAME;
  readonly version = 2;
  readonly handles = [
    'OfferingPublished',
    'OfferingRevised',
    'ServiceProvisioned',
    'ServiceDeprovisioned',
  ] as const;
  readonly collections = [{ name: 'offerings' }] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    if (event.type === 'OfferingPublished') {
      const data = dataOf(event, 'OfferingPublished');
      session.put<OfferingAnalytics>('offerings', data.offeringId, {
        offeringId: data.offeringId,
        name: data.name,
        providerId: data.providerId,
        warranties: [warrantyRevisionOf(event)],
        provisions: 0,
        deprovisions: 0,
        firstProvisionedAt: null,
      });
      return;
    }
    const offeringId = (event.data as { offeringId?: string }).offeringId;
    if (!offeringId) return;
    const offering = session.get<OfferingAnalytics>('offerings', offeringId);
    if (!offering) return;
    switch (event.type) {
      case 'OfferingRevised':
        offering.name = dataOf(event, 'OfferingRevised').name;
        offering.warranties.push(warrantyRevisionOf(event));
        break;
      case 'ServiceProvisioned': {
        offering.provisions++;
        const at = occurredAtOf(event);
        if (offering.firstProvisionedAt === null || at < offering.firstProvisionedAt) {
          offering.firstProvisionedAt = at;
        }
        break;
      }
      case 'ServiceDeprovisioned':
        offering.deprovisions++;
        break;
      default:
        return;
    }
    session.put('offerings', offeringId, offering);
  }
}
