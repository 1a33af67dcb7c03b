import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  RelationshipSummary,
  RelationshipSummaryProjection,
} from '../projections/relationship-summary.projection';
import { ListQuery, READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { Page } from './page';
import { RelationshipSummaryAnswer, toRelationshipAnswer } from './relationship.queries';
import { encodeSortedCursor, SortedCursor } from './sorted-cursor';

export const RELATIONSHIP_SORTS = [
  'breaches',
  '-breaches',
  'valueScore',
  '-valueScore',
  'recent',
] as const;
export type RelationshipSort = (typeof RELATIONSHIP_SORTS)[number];

/** How each sort orders the summaries; ties (and the unsorted list) go by id. */
const ORDER: Record<RelationshipSort, NonNullable<ListQuery['orderBy']>> = {
  breaches: { field: 'breaches' },
  '-breaches': { field: 'breaches', descending: true },
  // Relationships nobody reviewed yet come last either way.
  valueScore: { field: 'averageValueScore' },
  '-valueScore': { field: 'averageValueScore', descending: true },
  // Most recently established first.
  recent: { field: 'establishedAt', descending: true },
};

export interface RelationshipFilter {
  providerId?: string;
  consumerId?: string;
  /** Relationships that provision (or provisioned) this offering. */
  offeringId?: string;
  status?: 'active' | 'ended';
}

/** Relationship summaries, filtered, sorted and paged by an opaque cursor. */
export class ListRelationships extends Query<Page<RelationshipSummaryAnswer>> {
  constructor(
    readonly filter: RelationshipFilter,
    readonly sort: RelationshipSort | undefined,
    readonly limit: number,
    /** A decoded cursor of the same sort (the controller checks it). */
    readonly cursor?: SortedCursor,
  ) {
    super();
  }
}

/** The sort a cursor must carry to continue a list (`''` when unsorted). */
export function sortKeyOf(sort: RelationshipSort | undefined): string {
  return sort ?? '';
}

@QueryHandler(ListRelationships)
export class ListRelationshipsHandler implements IQueryHandler<ListRelationships> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({
    filter,
    sort,
    limit,
    cursor,
  }: ListRelationships): Promise<Page<RelationshipSummaryAnswer>> {
    const where: Record<string, string> = {};
    if (filter.providerId) where.providerId = filter.providerId;
    if (filter.consumerId) where.consumerId = filter.consumerId;
    if (filter.status) where.status = filter.status;
    const orderBy = sort ? ORDER[sort] : undefined;
    const list = await this.readModels.list<RelationshipSummary>(
      RelationshipSummaryProjection.NAME,
      'relationships',
      {
        where,
        contains: filter.offeringId ? { offerings: filter.offeringId } : undefined,
        orderBy,
        after: orderBy && cursor ? { value: cursor.value, key: cursor.key } : undefined,
        afterKey: !orderBy && cursor ? cursor.key : undefined,
        limit,
      },
    );
    const nextCursor =
      list.lastKey === undefined
        ? null
        : encodeSortedCursor({
            sort: sortKeyOf(sort),
            value: list.lastSortValue ?? null,
            key: list.lastKey,
          });
    return { items: list.items.map(toRelationshipAnswer), total: list.total, limit, nextCursor };
  }
}
