import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFound, StakeholderRole } from '@app/domain';
import { CostsByEffect, sumCosts, withNet } from '../projections/money-by-currency';
import {
  OfferingAnalytics,
  OfferingAnalyticsProjection,
} from '../projections/offering-analytics.projection';
import { OfferingTrendProjection, TrendYear } from '../projections/offering-trend.projection';
import { RisksBySeverity, sumRisks } from '../projections/risks-by-severity';
import { MetricMonth, TrendMonth } from '../projections/trend-month';
import { warrantyInForceAt } from '../projections/warranty-history';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { latestTarget, MetricSummary, round, summarizeMetric } from './metric-summary';

export interface RoleScore {
  reviews: number;
  /** Mean value score, 2 decimals. */
  mean: number;
}

/** SPEC.md's offering analytics (net of retractions), plus what an improvement team also asks. */
export interface OfferingAnalyticsAnswer {
  offeringId: string;
  name: string;
  providerId: string;
  provisions: number;
  deprovisions: number;
  consumptions: number;
  outputs: number;
  outcomes: number;
  costs: CostsByEffect;
  risks: RisksBySeverity;
  /**
   * Per metric of the warranty in force (measured or not) and every other metric measured;
   * target, comparison and unit are the warranty's in force now, else the last measured.
   */
  serviceLevels: Record<string, MetricSummary>;
  reviews: number;
  averageValueScore: number | null;
  valueScore: Partial<Record<StakeholderRole, RoleScore>>;
  firstProvisionedAt: string | null;
}

export class GetOfferingAnalytics extends Query<OfferingAnalyticsAnswer> {
  constructor(readonly offeringId: string) {
    super();
  }
}

/** One month of the trend as answered. */
export interface OfferingTrendMonth {
  month: string;
  /** Target: the one the month's latest measured period was judged against. */
  serviceLevels: Record<string, MetricSummary>;
  valueScore: Partial<Record<StakeholderRole, RoleScore>>;
  costs: CostsByEffect;
  risks: RisksBySeverity;
  consumptions: number;
  outputs: number;
  outcomes: number;
}

export interface OfferingTrendAnswer {
  offeringId: string;
  months: OfferingTrendMonth[];
}

/** The offering's facts per occurrence month (UTC), oldest first; months with none are left out. */
export class GetOfferingTrend extends Query<OfferingTrendAnswer> {
  constructor(
    readonly offeringId: string,
    readonly from?: string,
    readonly to?: string,
  ) {
    super();
  }
}

/** A century of years: more than any offering has. */
const MAX_TREND_YEARS = 100;

/** The offering's months in month order (years come in key order, `YYYY`). */
async function monthsOf(readModels: ReadModelReader, offeringId: string): Promise<TrendMonth[]> {
  const { items: years } = await readModels.list<TrendYear>(OfferingTrendProjection.NAME, 'years', {
    keyPrefix: `${offeringId}:`,
    limit: MAX_TREND_YEARS,
  });
  return years.flatMap((year) =>
    Object.keys(year.months)
      .sort()
      .map((month) => year.months[month]),
  );
}

async function offeringOf(
  readModels: ReadModelReader,
  offeringId: string,
): Promise<OfferingAnalytics> {
  const offering = await readModels.get<OfferingAnalytics>(
    OfferingAnalyticsProjection.NAME,
    'offerings',
    offeringId,
  );
  if (!offering) throw new NotFound('offering', offeringId);
  return offering;
}

function roleScores(
  months: readonly TrendMonth[],
): Partial<Record<StakeholderRole, { reviews: number; total: number }>> {
  const sum: Partial<Record<StakeholderRole, { reviews: number; total: number }>> = {};
  for (const month of months) {
    for (const [role, score] of Object.entries(month.valueScore)) {
      const into = (sum[role as StakeholderRole] ??= { reviews: 0, total: 0 });
      into.reviews += score.reviews;
      into.total += score.total;
    }
  }
  return sum;
}

function meanScores(
  scores: Partial<Record<StakeholderRole, { reviews: number; total: number }>>,
): Partial<Record<StakeholderRole, RoleScore>> {
  const answer: Partial<Record<StakeholderRole, RoleScore>> = {};
  for (const [role, { reviews, total }] of Object.entries(scores)) {
    answer[role as StakeholderRole] = { reviews, mean: round(total / reviews, 2) };
  }
  return answer;
}

@QueryHandler(GetOfferingAnalytics)
export class GetOfferingAnalyticsHandler implements IQueryHandler<GetOfferingAnalytics> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ offeringId }: GetOfferingAnalytics): Promise<OfferingAnalyticsAnswer> {
    const offering = await offeringOf(this.readModels, offeringId);
    const months = await monthsOf(this.readModels, offeringId);
    const byMetric = new Map<string, MetricMonth[]>();
    for (const month of months) {
      for (const [metric, part] of Object.entries(month.serviceLevels)) {
        byMetric.set(metric, [...(byMetric.get(metric) ?? []), part]);
      }
    }
    const serviceLevels: Record<string, MetricSummary> = {};
    const inForce = warrantyInForceAt(offering.warranties, new Date().toISOString());
    for (const level of inForce?.serviceLevels ?? []) {
      serviceLevels[level.metric] = {
        ...summarizeMetric(byMetric.get(level.metric) ?? [], level.target),
        comparison: level.comparison,
        unit: level.unit,
      };
    }
    for (const [metric, parts] of byMetric) {
      if (serviceLevels[metric]) continue;
      serviceLevels[metric] = summarizeMetric(parts, latestTarget(parts[parts.length - 1]));
    }
    const scores = roleScores(months);
    const all = Object.values(scores);
    const reviews = all.reduce((n, s) => n + s.reviews, 0);
    const total = all.reduce((n, s) => n + s.total, 0);
    return {
      offeringId,
      name: offering.name,
      providerId: offering.providerId,
      provisions: offering.provisions,
      deprovisions: offering.deprovisions,
      consumptions: months.reduce((n, m) => n + m.consumptions, 0),
      outputs: months.reduce((n, m) => n + m.outputs, 0),
      outcomes: months.reduce((n, m) => n + m.outcomes, 0),
      costs: withNet(sumCosts(months.map((m) => m.costs))),
      risks: sumRisks(months.map((m) => m.risks)),
      serviceLevels,
      reviews,
      averageValueScore: reviews === 0 ? null : round(total / reviews, 2),
      valueScore: meanScores(scores),
      firstProvisionedAt: offering.firstProvisionedAt,
    };
  }
}

@QueryHandler(GetOfferingTrend)
export class GetOfferingTrendHandler implements IQueryHandler<GetOfferingTrend> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ offeringId, from, to }: GetOfferingTrend): Promise<OfferingTrendAnswer> {
    await offeringOf(this.readModels, offeringId);
    const months = (await monthsOf(this.readModels, offeringId))
      .filter((m) => (from === undefined || m.month >= from) && (to === undefined || m.month <= to))
      .map((m) => {
        const serviceLevels: Record<string, MetricSummary> = {};
        for (const [metric, part] of Object.entries(m.serviceLevels)) {
          serviceLevels[metric] = summarizeMetric([part], latestTarget(part));
        }
        return {
          month: m.month,
          serviceLevels,
          valueScore: meanScores(m.valueScore),
          costs: withNet(m.costs),
          risks: m.risks,
          consumptions: m.consumptions,
          outputs: m.outputs,
          outcomes: m.outcomes,
        };
      });
    return { offeringId, months };
  }
}
