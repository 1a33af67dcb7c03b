import { assertNever } from '@app/domain';
import { ProjectedEvent, Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
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

const HANDLES = [
  'OfferingPublished',
  'OfferingRevised',
  'ServiceProvisioned',
  'ServiceDeprovisioned',
] as const;
type Handled = (typeof HANDLES)[number];

export class OfferingAnalyticsProjection implements Projection<Handled> {
  static readonly NAME = 'offering-analytics';
  readonly name = OfferingAnalyticsProjection.NAME;
  readonly version = 2;
  readonly handles = HANDLES;
  readonly collections = [{ name: 'offerings' }] as const;

  apply(session: DocumentSession, event: ProjectedEvent<Handled>): void {
    if (event.type === 'OfferingPublished') {
      const data = event.data;
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
    const { offeringId } = event.data;
    if (!offeringId) return;
    const offering = session.get<OfferingAnalytics>('offerings', offeringId);
    if (!offering) return;
    switch (event.type) {
      case 'OfferingRevised':
        offering.name = event.data.name;
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
        assertNever(event, 'event');
    }
    session.put('offerings', offeringId, offering);
  }
}
