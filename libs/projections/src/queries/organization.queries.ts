import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@app/domain';
import {
  OrganizationEntry,
  Party,
  RelationshipSummary,
  RelationshipSummaryProjection,
} from '../projections/relationship-summary.projection';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { Page } from './page';
import { encodeSortedCursor, SortedCursor } from './sorted-cursor';

export type OrganizationAnswer = Omit<OrganizationEntry, 'search'>;

/** One relationship seen from one of its parties. */
export interface RelationshipOfOrganization {
  id: string;
  counterparty: Party;
  status: 'active' | 'ended';
  offerings: string[];
  breaches: number;
  averageValueScore: number | null;
  establishedAt: string;
  endedAt: string | null;
}

/** At most this many relationships per side on an organization's page (then use the list). */
export const ORGANIZATION_RELATIONSHIPS_SHOWN = 200;

export interface OrganizationRelationships {
  /** All of them; `items` holds the most recently established, up to 200. */
  total: number;
  items: RelationshipOfOrganization[];
}

export interface OrganizationDetailAnswer extends OrganizationAnswer {
  asProvider: OrganizationRelationships;
  asConsumer: OrganizationRelationships;
}

/** Organizations by name (case-insensitive), optionally those whose name contains `q`. */
export class ListOrganizations extends Query<Page<OrganizationAnswer>> {
  constructor(
    readonly q: string | undefined,
    readonly limit: number,
    readonly cursor?: SortedCursor,
  ) {
    super();
  }
}

export class GetOrganization extends Query<OrganizationDetailAnswer> {
  constructor(readonly organizationId: string) {
    super();
  }
}

/** The sort organization cursors carry. */
export const ORGANIZATION_CURSOR_SORT = 'name';

function toOrganizationAnswer({ search: _search, ...organization }: OrganizationEntry) {
  return organization;
}

@QueryHandler(ListOrganizations)
export class ListOrganizationsHandler implements IQueryHandler<ListOrganizations> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ q, limit, cursor }: ListOrganizations): Promise<Page<OrganizationAnswer>> {
    const list = await this.readModels.list<OrganizationEntry>(
      RelationshipSummaryProjection.NAME,
      'organizations',
      {
        search: q ? { field: 'search', text: q } : undefined,
        orderBy: { field: 'search' },
        after: cursor ? { value: cursor.value, key: cursor.key } : undefined,
        limit,
      },
    );
    const nextCursor =
      list.lastKey === undefined
        ? null
        : encodeSortedCursor({
            sort: ORGANIZATION_CURSOR_SORT,
            value: list.lastSortValue ?? null,
            key: list.lastKey,
          });
    return { items: list.items.map(toOrganizationAnswer), total: list.total, limit, nextCursor };
  }
}

@QueryHandler(GetOrganization)
export class GetOrganizationHandler implements IQueryHandler<GetOrganization> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ organizationId }: GetOrganization): Promise<OrganizationDetailAnswer> {
    const organization = await this.readModels.get<OrganizationEntry>(
      RelationshipSummaryProjection.NAME,
      'organizations',
      organizationId,
    );
    if (!organization) throw new NotFound('organization', organizationId);
    return {
      ...toOrganizationAnswer(organization),
      asProvider: await this.relationships('providerId', organizationId),
      asConsumer: await this.relationships('consumerId', organizationId),
    };
  }

  private async relationships(
    side: 'providerId' | 'consumerId',
    organizationId: string,
  ): Promise<OrganizationRelationships> {
    const list = await this.readModels.list<RelationshipSummary>(
      RelationshipSummaryProjection.NAME,
      'relationships',
      {
        where: { [side]: organizationId },
        orderBy: { field: 'establishedAt', descending: true },
        limit: ORGANIZATION_RELATIONSHIPS_SHOWN,
      },
    );
    return {
      total: list.total,
      items: list.items.map((r) => ({
        id: r.id,
        counterparty: side === 'providerId' ? r.consumer : r.provider,
        status: r.status,
        offerings: r.offerings,
        breaches: r.breaches,
        averageValueScore: r.averageValueScore,
        establishedAt: r.establishedAt,
        endedAt: r.endedAt,
      })),
    };
  }
}
