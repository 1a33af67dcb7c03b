import { assertNever } from '@app/domain';
import { ProjectedEvent, Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { ServiceLevelV2 } from './v2-event-data';
import { WarrantyRevisionEntry, warrantyRevisionOf } from './warranty-history';

export type OfferingStatus = 'published' | 'retired';

/** An offering in the service catalog. */
export interface CatalogOffering {
  id: string;
  providerId: string;
  providerName: string | null;
  name: string;
  targetConsumerGroup: string;
  goods: string[];
  resourceAccess: string[];
  serviceActions: string[];
  utility: string[];
  /** The warranty in force (the query picks it from `warranties` at the time it answers). */
  warranty: { serviceLevels: ServiceLevelV2[] };
  /** Every warranty the offering stated, in recorded order, with when each takes effect. */
  warranties: WarrantyRevisionEntry[];
  status: OfferingStatus;
  publishedAt: string;
  revisedAt: string | null;
  revisions: number;
  retiredAt: string | null;
  retirementReason: string | null;
}

interface OrganizationName {
  name: string;
}

const HANDLES = [
  'OrganizationRegistered',
  'OfferingPublished',
  'OfferingRevised',
  'OfferingRetired',
] as const;
type Handled = (typeof HANDLES)[number];

/** The service catalog: every offering with its description, warranty and status. */
export class CatalogProjection implements Projection<Handled> {
  static readonly NAME = 'catalog';
  readonly name = CatalogProjection.NAME;
  readonly version = 2;
  readonly handles = HANDLES;
  readonly collections = [
    { name: 'offerings', indexes: ['status', 'providerId'] },
    { name: 'organizations' },
  ] as const;

  apply(session: DocumentSession, event: ProjectedEvent<Handled>): void {
    const at = event.metadata.recordedAt;
    switch (event.type) {
      case 'OrganizationRegistered': {
        const data = event.data;
        session.put<OrganizationName>('organizations', data.organizationId, { name: data.name });
        return;
      }
      case 'OfferingPublished': {
        const { offeringId, providerId, ...description } = event.data;
        const provider = session.get<OrganizationName>('organizations', providerId);
        const revision = warrantyRevisionOf(event);
        session.put<CatalogOffering>('offerings', offeringId, {
          id: offeringId,
          providerId,
          providerName: provider?.name ?? null,
          ...descriptionOf(description),
          warranty: { serviceLevels: revision.serviceLevels },
          warranties: [revision],
          status: 'published',
          publishedAt: at,
          revisedAt: null,
          revisions: 0,
          retiredAt: null,
          retirementReason: null,
        });
        return;
      }
      case 'OfferingRevised': {
        const { offeringId, ...description } = event.data;
        const offering = session.get<CatalogOffering>('offerings', offeringId);
        if (!offering) return;
        Object.assign(offering, descriptionOf(description), {
          revisedAt: at,
          revisions: offering.revisions + 1,
        });
        offering.warranties.push(warrantyRevisionOf(event));
        session.put('offerings', offeringId, offering);
        return;
      }
      case 'OfferingRetired': {
        const data = event.data;
        const offering = session.get<CatalogOffering>('offerings', data.offeringId);
        if (!offering) return;
        offering.status = 'retired';
        offering.retiredAt = at;
        offering.retirementReason = data.reason;
        session.put('offerings', data.offeringId, offering);
        return;
      }
      default:
        assertNever(event, 'event');
    }
  }
}

/** The description fields the catalog shows as they are (the warranty is kept by revision). */
function descriptionOf(d: {
  name: string;
  targetConsumerGroup: string;
  goods: string[];
  resourceAccess: string[];
  serviceActions: string[];
  utility: string[];
}) {
  return {
    name: d.name,
    targetConsumerGroup: d.targetConsumerGroup,
    goods: d.goods,
    resourceAccess: d.resourceAccess,
    serviceActions: d.serviceActions,
    utility: d.utility,
  };
}
