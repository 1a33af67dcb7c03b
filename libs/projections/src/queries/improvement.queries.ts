import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Dimension, ImprovementStatus, ValueChainActivity } from '@app/domain';
import {
  emptyImprovementTotals,
  IMPROVEMENT_TOTALS_KEY,
  ImprovementAnalyticsProjection,
  ImprovementTotals,
} from '../projections/improvement-analytics.projection';
import {
  ImprovementRegisterProjection,
  RegisteredImprovement,
} from '../projections/improvement-register.projection';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { average, Page, PageRequest, toDays, toListQuery, toPage } from './page';

export interface ImprovementFilter {
  status?: ImprovementStatus;
  dimension?: Dimension;
  valueChainActivity?: ValueChainActivity;
  subjectId?: string;
}

/** The improvement register, a page at a time (ordered by id). */
export class ListImprovements extends Query<Page<RegisteredImprovement>> {
  constructor(
    readonly filter: ImprovementFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}

export interface ImprovementAnalyticsAnswer {
  total: number;
  byStatus: ImprovementTotals['byStatus'];
  byDimension: ImprovementTotals['byDimension'];
  byValueChainActivity: ImprovementTotals['byValueChainActivity'];
  statusByDimension: ImprovementTotals['statusByDimension'];
  /** From proposal to evaluation, over evaluated improvements. */
  cycleTime: {
    evaluated: number;
    averageDays: number | null;
    minDays: number | null;
    maxDays: number | null;
  };
  /** (actual − baseline) / (target − baseline) over evaluated improvements; 1 = target met. */
  benefitRealized: {
    evaluated: number;
    average: number | null;
    min: number | null;
    max: number | null;
  };
}

export class GetImprovementAnalytics extends Query<ImprovementAnalyticsAnswer> {}

@QueryHandler(ListImprovements)
export class ListImprovementsHandler implements IQueryHandler<ListImprovements> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ filter, page }: ListImprovements): Promise<Page<RegisteredImprovement>> {
    const list = this.readModels.list<RegisteredImprovement>(
      ImprovementRegisterProjection.NAME,
      'improvements',
      toListQuery(page, { ...filter }),
    );
    return toPage(list, page.limit, (i) => i);
  }
}

@QueryHandler(GetImprovementAnalytics)
export class GetImprovementAnalyticsHandler implements IQueryHandler<GetImprovementAnalytics> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute(): Promise<ImprovementAnalyticsAnswer> {
    const t =
      this.readModels.get<ImprovementTotals>(
        ImprovementAnalyticsProjection.NAME,
        'totals',
        IMPROVEMENT_TOTALS_KEY,
      ) ?? emptyImprovementTotals();
    return {
      total: t.total,
      byStatus: t.byStatus,
      byDimension: t.byDimension,
      byValueChainActivity: t.byValueChainActivity,
      statusByDimension: t.statusByDimension,
      cycleTime: {
        evaluated: t.cycleTime.count,
        averageDays: toDays(
          t.cycleTime.count === 0 ? null : t.cycleTime.totalMs / t.cycleTime.count,
        ),
        minDays: toDays(t.cycleTime.minMs),
        maxDays: toDays(t.cycleTime.maxMs),
      },
      benefitRealized: {
        evaluated: t.benefit.count,
        average: average(t.benefit.total, t.benefit.count),
        min: t.benefit.min,
        max: t.benefit.max,
      },
    };
  }
}
