import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@app/domain';
import {
  CatalogOffering,
  CatalogProjection,
  OfferingStatus,
} from '../projections/catalog.projection';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { Page, PageRequest, toListQuery, toPage } from './page';

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
    const list = this.readModels.list<CatalogOffering>(
      CatalogProjection.NAME,
      'offerings',
      toListQuery(page, { status: filter.status, providerId: filter.providerId }),
    );
    return toPage(list, page.limit, (o) => o);
  }
}

@QueryHandler(GetOffering)
export class GetOfferingHandler implements IQueryHandler<GetOffering> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ offeringId }: GetOffering): Promise<CatalogOffering> {
    const offering = this.readModels.get<CatalogOffering>(
      CatalogProjection.NAME,
      'offerings',
      offeringId,
    );
    if (!offering) throw new NotFound('offering', offeringId);
    return offering;
  }
}
