import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '@app/domain';
import { CostsByEffect } from '../projections/money-by-currency';
import {
  OfferingAnalytics,
  OfferingAnalyticsProjection,
} from '../projections/offering-analytics.projection';
import { OfferingMonth, OfferingTrendProjection } from '../projections/offering-trend.projection';
import { millisBetween } from '../projections/month-of';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { average, toDays } from './page';

/** SPEC.md's offering analytics, plus what an improvement team also asks for. */
export interface OfferingAnalyticsAnswer {
  offeringId: string;
  name: string;
  providerId: string;
  provisions: number;
  consumptions: number;
  outputs: number;
  outcomes: number;
  costs: CostsByEffect;
  risks: { removed: number; imposed: number };
  serviceLevels: {
    measurements: number;
    breaches: number;
    availabilityTarget: number;
    byMetric: Record<string, { measurements: number; breaches: number }>;
  };
  reviews: number;
  averageValueScore: number | null;
  /** From the first provisioning of the offering to its first realized outcome. */
  leadTime: {
    firstProvisionedAt: string | null;
    firstOutcomeAt: string | null;
    days: number | null;
  };
}

export class GetOfferingAnalytics extends Query<OfferingAnalyticsAnswer> {
  constructor(readonly offeringId: string) {
    super();
  }
}

export interface OfferingTrendAnswer {
  offeringId: string;
  months: Omit<OfferingMonth, 'offeringId'>[];
}

/** Outcomes and breaches per calendar month (UTC), oldest first. */
export class GetOfferingTrend extends Query<OfferingTrendAnswer> {
  constructor(
    readonly offeringId: string,
    readonly from?: string,
    readonly to?: string,
  ) {
    super();
  }
}

const MAX_TREND_MONTHS = 1200;

@QueryHandler(GetOfferingAnalytics)
export class GetOfferingAnalyticsHandler implements IQueryHandler<GetOfferingAnalytics> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ offeringId }: GetOfferingAnalytics): Promise<OfferingAnalyticsAnswer> {
    const a = this.readModels.get<OfferingAnalytics>(
      OfferingAnalyticsProjection.NAME,
      'offerings',
      offeringId,
    );
    if (!a) throw new NotFound('offering', offeringId);
    const leadMs =
      a.firstProvisionedAt && a.firstOutcomeAt
        ? millisBetween(a.firstProvisionedAt, a.firstOutcomeAt)
        : null;
    return {
      offeringId: a.offeringId,
      name: a.name,
      providerId: a.providerId,
      provisions: a.provisions,
      consumptions: a.consumptions,
      outputs: a.outputs,
      outcomes: a.outcomes,
      costs: a.costs,
      risks: a.risks,
      serviceLevels: {
        measurements: a.serviceLevels.measurements,
        breaches: a.serviceLevels.breaches,
        availabilityTarget: a.availabilityTarget,
        byMetric: a.serviceLevels.byMetric,
      },
      reviews: a.valueScores.count,
      averageValueScore: average(a.valueScores.total, a.valueScores.count),
      leadTime: {
        firstProvisionedAt: a.firstProvisionedAt,
        firstOutcomeAt: a.firstOutcomeAt,
        days: toDays(leadMs),
      },
    };
  }
}

@QueryHandler(GetOfferingTrend)
export class GetOfferingTrendHandler implements IQueryHandler<GetOfferingTrend> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  async execute({ offeringId, from, to }: GetOfferingTrend): Promise<OfferingTrendAnswer> {
    const known = this.readModels.get(OfferingAnalyticsProjection.NAME, 'offerings', offeringId);
    if (!known) throw new NotFound('offering', offeringId);
    const { items } = this.readModels.list<OfferingMonth>(OfferingTrendProjection.NAME, 'months', {
      keyPrefix: `${offeringId}:`,
      limit: MAX_TREND_MONTHS,
    });
    const months = items
      .filter((m) => (from === undefined || m.month >= from) && (to === undefined || m.month <= to))
      .map(({ offeringId: _id, ...month }) => month);
    return { offeringId, months };
  }
}
