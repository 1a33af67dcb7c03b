import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  Dimension,
  FOUR_DIMENSIONS,
  IMPROVEMENT_STATUSES,
  ImprovementStatus,
  VALUE_CHAIN_ACTIVITIES,
  ValueChainActivity,
} from '@app/domain';
import {
  ImprovementAnalyticsProjection,
  ImprovementFacts,
} from '../projections/improvement-analytics.projection';
import { millisBetween, monthOf } from '../projections/month-of';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { mean, median } from './median';
import { isOverdue } from './overdue';
import { DAY_MS } from './page';
import { readAll } from './read-all';

/** Median days between the recorded steps, over the improvements that took both. */
export interface ImprovementCycleDays {
  /** Proposed → approved. */
  approval: number | null;
  /** Approved → implemented. */
  implementation: number | null;
  /** Implemented → evaluated. */
  evaluation: number | null;
  /** Proposed → evaluated. */
  total: number | null;
}

export interface ImprovementMonth {
  month: string;
  proposed: number;
  evaluated: number;
}

export interface ImprovementAnalyticsAnswer {
  total: number;
  byStatus: Record<ImprovementStatus, number>;
  byDimension: Record<Dimension, number>;
  byValueChainActivity: Record<ValueChainActivity, number>;
  /** Open improvements whose target date has passed, now. */
  overdue: number;
  /** Share (0–1) of evaluated improvements whose target was met; null before any evaluation. */
  successRate: number | null;
  /** Per evaluated improvement, then mean and median of those percentages. */
  benefitRealizedPercent: { mean: number | null; median: number | null };
  cycleDays: ImprovementCycleDays;
  /** By UTC month of the recorded proposal and evaluation, oldest first. */
  monthly: ImprovementMonth[];
}

/** The register's analytics; `overdue` and the open ages as of `asOf`. */
export class GetImprovementAnalytics extends Query<ImprovementAnalyticsAnswer> {
  constructor(readonly asOf: Date) {
    super();
  }
}

@QueryHandler(GetImprovementAnalytics)
export class GetImprovementAnalyticsHandler implements IQueryHandler<GetImprovementAnalytics> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ asOf }: GetImprovementAnalytics): Promise<ImprovementAnalyticsAnswer> {
    const all = await readAll<ImprovementFacts>(
      this.readModels,
      ImprovementAnalyticsProjection.NAME,
      'improvements',
    );
    return improvementAnalytics(all, asOf);
  }
}

/** The analytics of a set of improvements as of `now` (pure, so it is tested on its own). */
export function improvementAnalytics(
  all: readonly ImprovementFacts[],
  now: Date,
): ImprovementAnalyticsAnswer {
  const byStatus = zeroes(IMPROVEMENT_STATUSES);
  const byDimension = zeroes(FOUR_DIMENSIONS);
  const byValueChainActivity = zeroes(VALUE_CHAIN_ACTIVITIES);
  const months = new Map<string, ImprovementMonth>();
  const monthEntry = (at: string): ImprovementMonth => {
    const month = monthOf(at);
    let entry = months.get(month);
    if (!entry) months.set(month, (entry = { month, proposed: 0, evaluated: 0 }));
    return entry;
  };
  let overdue = 0;
  for (const i of all) {
    byStatus[i.status]++;
    byDimension[i.dimension]++;
    byValueChainActivity[i.valueChainActivity]++;
    if (isOverdue(i, now)) overdue++;
    monthEntry(i.proposedAt).proposed++;
    if (i.evaluatedAt !== null) monthEntry(i.evaluatedAt).evaluated++;
  }
  const evaluated = all.filter((i) => i.status === 'evaluated');
  const judged = evaluated.filter((i) => i.targetMet !== null);
  const benefits = evaluated
    .map((i) => i.benefitRealizedPercent)
    .filter((b): b is number => b !== null);
  return {
    total: all.length,
    byStatus,
    byDimension,
    byValueChainActivity,
    overdue,
    successRate:
      judged.length === 0 ? null : judged.filter((i) => i.targetMet).length / judged.length,
    benefitRealizedPercent: { mean: mean(benefits), median: median(benefits) },
    cycleDays: {
      approval: medianDays(all, 'proposedAt', 'approvedAt'),
      implementation: medianDays(all, 'approvedAt', 'implementedAt'),
      evaluation: medianDays(all, 'implementedAt', 'evaluatedAt'),
      total: medianDays(all, 'proposedAt', 'evaluatedAt'),
    },
    monthly: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}

type StageTime = 'proposedAt' | 'approvedAt' | 'implementedAt' | 'evaluatedAt';

function medianDays(all: readonly ImprovementFacts[], from: StageTime, to: StageTime) {
  const days: number[] = [];
  for (const i of all) {
    const [start, end] = [i[from], i[to]];
    if (start !== null && end !== null) days.push(millisBetween(start, end) / DAY_MS);
  }
  const m = median(days);
  return m === null ? null : Math.round(m * 100) / 100;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}
