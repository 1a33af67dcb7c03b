import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Dimension, ImprovementStatus, NotFound, ValueChainActivity } from '@app/domain';
import {
  ImprovementRegisterProjection,
  offeringIndexKey,
  RegisteredImprovement,
} from '../projections/improvement-register.projection';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { measuredPeriodsOf } from './measured-periods-of';
import { isOverdue } from './overdue';
import { decodeCursor, encodeCursor, Page, PageRequest, toListQuery, toPage } from './page';
import { readAll } from './read-all';

export interface ImprovementFilter {
  status?: ImprovementStatus;
  owner?: string;
  subjectId?: string;
  /** About this offering, or about a relationship that provisions it. */
  offeringId?: string;
  dimension?: Dimension;
  valueChainActivity?: ValueChainActivity;
  /** Only the overdue ones (open, target date passed) as of the query. */
  overdue?: boolean;
}

/** A register entry as answered: with `overdue` as of the moment of the query. */
export interface ImprovementEntry extends RegisteredImprovement {
  overdue: boolean;
}

/**
 * The improvement register, a page at a time (ordered by id). `asOf`: the moment `overdue` is
 * answered for (time arrives in the query, as in a command).
 */
export class ListImprovements extends Query<Page<ImprovementEntry>> {
  constructor(
    readonly filter: ImprovementFilter,
    readonly page: PageRequest,
    readonly asOf: Date,
  ) {
    super();
  }
}

const NAME = ImprovementRegisterProjection.NAME;

@QueryHandler(ListImprovements)
export class ListImprovementsHandler implements IQueryHandler<ListImprovements> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ filter, page, asOf: now }: ListImprovements): Promise<Page<ImprovementEntry>> {
    const { offeringId, overdue, ...indexed } = filter;
    const where = definedOnly(indexed);
    if (offeringId === undefined && !overdue) {
      const list = await this.readModels.list<RegisteredImprovement>(
        NAME,
        'improvements',
        toListQuery(page, where),
      );
      return toPage(list, page.limit, (i) => withOverdue(i, now));
    }
    // Filters the read model cannot index (a relation, the clock) narrow in memory, after the
    // indexed ones; the register holds hundreds or thousands of entries, not millions.
    let matches =
      offeringId === undefined
        ? await readAll<RegisteredImprovement>(this.readModels, NAME, 'improvements', where)
        : (await this.aboutOffering(offeringId)).filter((i) => matchesAll(i, where));
    if (overdue) matches = matches.filter((i) => isOverdue(i, now));
    return pageInMemory(matches, page, (i) => withOverdue(i, now));
  }

  private async aboutOffering(offeringId: string): Promise<RegisteredImprovement[]> {
    const keys = await readAll<{ improvementId: string }>(
      this.readModels,
      NAME,
      'by-offering',
      {},
      { keyPrefix: offeringIndexKey(offeringId, '') },
    );
    const found = await Promise.all(
      keys.map(({ improvementId }) =>
        this.readModels.get<RegisteredImprovement>(NAME, 'improvements', improvementId),
      ),
    );
    return found
      .filter((i): i is RegisteredImprovement => i !== undefined)
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** A measured period of the improvement's metric on its subject. */
export interface ImprovementMeasurement {
  measurementId: string;
  relationshipId: string;
  period: { start: string; end: string };
  actual: number;
}

/** One register entry with the measurements of its metric, before and after implementation. */
export interface ImprovementDetail extends ImprovementEntry {
  measurements: { before: ImprovementMeasurement[]; after: ImprovementMeasurement[] };
}

/** One register entry by id, with its before/after series; `overdue` as of `asOf`. */
export class GetImprovement extends Query<ImprovementDetail> {
  constructor(
    readonly improvementId: string,
    readonly asOf: Date,
  ) {
    super();
  }
}

@QueryHandler(GetImprovement)
export class GetImprovementHandler implements IQueryHandler<GetImprovement> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ improvementId, asOf }: GetImprovement): Promise<ImprovementDetail> {
    const entry = await this.readModels.get<RegisteredImprovement>(
      NAME,
      'improvements',
      improvementId,
    );
    if (!entry) throw new NotFound('improvement', improvementId);
    const periods = await measuredPeriodsOf(this.readModels, entry.subject, entry.metric);
    const implementedAt = entry.stageTimes.implementedAt;
    // The same split as the measured actual: a period belongs after once it starts at or after
    // the implementation; until implemented, everything is before.
    const startsAfter = (start: string) =>
      implementedAt !== null && Date.parse(start) >= Date.parse(implementedAt);
    const series = (after: boolean) =>
      periods
        .filter((p) => startsAfter(p.period.start) === after)
        .map(({ measurementId, relationshipId, period, actual }) => ({
          measurementId,
          relationshipId,
          period,
          actual,
        }));
    return {
      ...withOverdue(entry, asOf),
      measurements: { before: series(false), after: series(true) },
    };
  }
}

function withOverdue(entry: RegisteredImprovement, now: Date): ImprovementEntry {
  return { ...entry, overdue: isOverdue(entry, now) };
}

function definedOnly(fields: Record<string, string | undefined>): Record<string, string> {
  const defined: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields))
    if (value !== undefined) defined[field] = value;
  return defined;
}

function matchesAll(entry: RegisteredImprovement, where: Record<string, string>): boolean {
  const fields = entry as unknown as Record<string, unknown>;
  return Object.entries(where).every(([field, value]) => fields[field] === value);
}

/** The same paging as the read model's (by key = id, cursor or offset) over a list in id order. */
function pageInMemory<T extends { id: string }, R>(
  sorted: readonly T[],
  page: PageRequest,
  map: (item: T) => R,
): Page<R> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const rest = after === undefined ? sorted : sorted.filter((i) => i.id > after);
  const slice = rest.slice(page.offset ?? 0, (page.offset ?? 0) + page.limit + 1);
  const more = slice.length > page.limit;
  const items = more ? slice.slice(0, page.limit) : slice;
  return {
    items: items.map(map),
    total: sorted.length,
    limit: page.limit,
    nextCursor: more ? encodeCursor(items[items.length - 1].id) : null,
  };
}
