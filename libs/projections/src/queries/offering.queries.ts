import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@app/domain';
import {
  CatalogOffering,
  CatalogProjection,
  OfferingStatus,
} from '../projections/catalog.projection';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { warrantyInForceAt } from '../projections/warranty-history';
import { Page, PageRequest, toListQuery, toPage } from './page';

/**
 * The catalog shows the warranty in force now: the revision with the latest effectiveFrom at
 * or before now (a revision may take effect later than it was recorded, or be backdated).
 */
function withWarrantyInForce(offering: CatalogOffering, now: string): CatalogOffering {
  const inForce = warrantyInForceAt(offering.warranties, now) ?? offering.warranties[0];
  return { ...offering, warranty: { serviceLevels: inForce?.serviceLevels ?? [] } };
}

export interface OfferingFilter {
  status?: OfferingStatus;
  providerId?: string;
}

/** The service catalog, a page at a time (ordered by id). */
export class ListOfferings extends Query<Page<CatalogOffering>> {
  constructor(
    readonly filter: OfferingFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export class GetOffering extends Query<CatalogOffering> {
  constructor(readonly offeringId: string) {
    super();
  }
}

@QueryHandler(ListOfferings)
export class ListOfferingsHandler implements IQueryHandler<ListOfferings> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ filter, page }: ListOfferings): Promise<Page<CatalogOffering>> {
    const list = await this.readModels.list<CatalogOffering>(
      CatalogProjection.NAME,
      'offerings',
      toListQuery(page, { status: filter.status, providerId: filter.providerId }),
    );
    const now = new Date().toISOString();
    return toPage(list, page.limit, (o) => withWarrantyInForce(o, now));
  }
}

@QueryHandler(GetOffering)
export class GetOfferingHandler implements IQueryHandler<GetOffering> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ offeringId }: GetOffering): Promise<CatalogOffering> {
    const offering = await this.readModels.get<CatalogOffering>(
      CatalogProjection.NAME,
      'offerings',
      offeringId,
    );
    if (!offering) throw new NotFound('offering', offeringId);
    return withWarrantyInForce(offering, new Date().toISOString());
  }
}
