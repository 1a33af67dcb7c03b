import { LedgerEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { ListQuery, ReadModelReader } from '../read-model/read-model-store';
import {
  GetOfferingAnalytics,
  GetOfferingAnalyticsHandler,
  GetOfferingTrend,
  GetOfferingTrendHandler,
} from '../queries/offering-analytics.queries';
import { OfferingAnalyticsProjection } from './offering-analytics.projection';
import { OfferingTrendProjection } from './offering-trend.projection';
import { ProjectionHarness } from './projection-harness';

const PROVIDER = '11111111-1111-4111-8111-111111111111';
const OFFERING = '33333333-3333-4333-8333-333333333333';
const REL = '44444444-4444-4444-8444-444444444444';

function event(type: string, data: Record<string, unknown>): LedgerEvent {
  return { type, data } as unknown as LedgerEvent;
}

const description = (resolutionHours: number, effectiveFrom: string) => ({
  offeringId: OFFERING,
  name: 'Service desk',
  targetConsumerGroup: 'small firms',
  goods: [],
  resourceAccess: [],
  serviceActions: ['support'],
  utility: ['answers'],
  warranty: {
    serviceLevels: [
      { metric: 'availability', target: 99.5, comparison: 'at-least', unit: 'percent' },
      { metric: 'resolution-hours', target: resolutionHours, comparison: 'at-most', unit: 'hours' },
    ],
  },
  effectiveFrom,
});

const fact = (type: string, occurredAt: string, data: Record<string, unknown>) =>
  event(type, { relationshipId: REL, offeringId: OFFERING, occurredAt, ...data });

/** A measurement of a calendar month, judged as the domain would (target passed in). */
function measured(id: string, metric: string, month: string, actual: number, target: number) {
  const start = new Date(`${month}-01T00:00:00.000Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const comparison = metric === 'availability' ? 'at-least' : 'at-most';
  return event('ServiceLevelMeasured', {
    relationshipId: REL,
    offeringId: OFFERING,
    measurementId: id,
    metric,
    actual,
    period: { start: start.toISOString(), end: end.toISOString() },
    target,
    comparison,
    unit: metric === 'availability' ? 'percent' : 'hours',
    breached: comparison === 'at-least' ? actual < target : actual > target,
  });
}

/** Both projections the offering queries read, behind one reader. */
class TwoProjections implements ReadModelReader {
  readonly analytics = new ProjectionHarness(new OfferingAnalyticsProjection());
  readonly trend = new ProjectionHarness(new OfferingTrendProjection());

  private of(projection: string): ProjectionHarness {
    return projection === OfferingTrendProjection.NAME ? this.trend : this.analytics;
  }
  get<T extends object>(projection: string, collection: string, key: string) {
    return this.of(projection).get<T>(collection, key);
  }
  list<T extends object>(projection: string, collection: string, q: ListQuery) {
    return this.of(projection).store.list<T>(projection, collection, q);
  }
  async feed(...events: LedgerEvent[]): Promise<void> {
    // The same log positions for both: each harness numbers its own.
    const a = events.map((e) =>
      this.analytics.recorded(e, { recordedAt: '2026-11-30T08:00:00.000Z' }),
    );
    const t = events.map((e) => this.trend.recorded(e, { recordedAt: '2026-11-30T08:00:00.000Z' }));
    await this.analytics.feed(...a);
    await this.trend.feed(...t);
  }
  async close(): Promise<void> {
    await this.analytics.close();
    await this.trend.close();
  }
}

describe('offering trend and analytics (v2: occurrence months, service levels, retractions)', () => {
  let r: TwoProjections;
  const trend = (from?: string, to?: string) =>
    new GetOfferingTrendHandler(r).execute(new GetOfferingTrend(OFFERING, from, to));
  const analytics = () =>
    new GetOfferingAnalyticsHandler(r).execute(new GetOfferingAnalytics(OFFERING));

  beforeEach(async () => {
    r = new TwoProjections();
    await r.feed(
      event('OfferingPublished', {
        ...description(8, '2025-01-01T00:00:00.000Z'),
        providerId: PROVIDER,
      }),
      event('OfferingRevised', description(6, '2025-04-01T00:00:00.000Z')),
      fact('ServiceProvisioned', '2025-01-15T00:00:00.000Z', {}),
      // Posted out of order: March first, then January, then April and February.
      measured('a3', 'availability', '2025-03', 99.1, 99.5),
      measured('h3', 'resolution-hours', '2025-03', 9, 8),
      measured('a1', 'availability', '2025-01', 99.9, 99.5),
      measured('h1', 'resolution-hours', '2025-01', 7, 8),
      measured('a4', 'availability', '2025-04', 99.7, 99.5),
      measured('h4', 'resolution-hours', '2025-04', 7, 6),
      measured('a2', 'availability', '2025-02', 99.3, 99.5),
      measured('h2', 'resolution-hours', '2025-02', 5, 8),
      fact('CostRecorded', '2025-02-10T00:00:00.000Z', {
        costId: 'c1',
        effect: 'removed',
        amount: '100.10',
        currency: 'EUR',
      }),
      fact('CostRecorded', '2025-02-20T00:00:00.000Z', {
        costId: 'c2',
        effect: 'imposed',
        amount: '40.05',
        currency: 'EUR',
      }),
      fact('CostRecorded', '2025-03-01T00:00:00.000Z', {
        costId: 'c3',
        effect: 'imposed',
        amount: '12',
        currency: 'USD',
      }),
      fact('RiskRecorded', '2025-03-31T23:59:59.999Z', {
        riskId: 'k1',
        effect: 'removed',
        severity: 'high',
      }),
      fact('RelationshipReviewed', '2025-01-31T10:00:00.000Z', {
        reviewId: 'v1',
        stakeholderRole: 'customer',
        valueScore: 4,
      }),
      fact('RelationshipReviewed', '2025-01-31T11:00:00.000Z', {
        reviewId: 'v2',
        stakeholderRole: 'customer',
        valueScore: 3,
      }),
      fact('RelationshipReviewed', '2025-04-02T00:00:00.000Z', {
        reviewId: 'v3',
        stakeholderRole: 'sponsor',
        valueScore: 5,
      }),
      fact('OutputDelivered', '2025-02-01T00:00:00.000Z', { outputId: 'o1' }),
      fact('OutcomeRealized', '2025-02-02T00:00:00.000Z', {
        outcomeId: 'r1',
        stakeholderRole: 'customer',
      }),
    );
  });

  afterEach(() => r.close());

  it('buckets every fact by its occurrence month (measurements by period start), never recordedAt', async () => {
    const { months } = await trend();
    expect(months.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    const [jan, feb, mar, apr] = months;
    expect(jan.serviceLevels).toEqual({
      availability: {
        measurements: 1,
        breaches: 0,
        target: 99.5,
        comparison: 'at-least',
        unit: 'percent',
        mean: 99.9,
        min: 99.9,
        max: 99.9,
      },
      'resolution-hours': {
        measurements: 1,
        breaches: 0,
        target: 8,
        comparison: 'at-most',
        unit: 'hours',
        mean: 7,
        min: 7,
        max: 7,
      },
    });
    expect(jan.valueScore).toEqual({ customer: { reviews: 2, mean: 3.5 } });
    expect(feb).toMatchObject({
      costs: { removed: { EUR: '100.1' }, imposed: { EUR: '40.05' }, net: { EUR: '60.05' } },
      outputs: 1,
      outcomes: 1,
    });
    expect(feb.serviceLevels.availability).toMatchObject({ breaches: 1, mean: 99.3 });
    expect(mar.serviceLevels['resolution-hours']).toMatchObject({ breaches: 1, target: 8 });
    expect(mar.risks.removed.high).toBe(1);
    expect(mar.costs.net).toEqual({ USD: '-12' });
    // April is judged against the revision in force from 2025-04-01: at most 6 hours.
    expect(apr.serviceLevels['resolution-hours']).toMatchObject({
      target: 6,
      breaches: 1,
      mean: 7,
    });
    expect(apr.valueScore).toEqual({ sponsor: { reviews: 1, mean: 5 } });
    expect((await trend('2025-02', '2025-03')).months.map((m) => m.month)).toEqual([
      '2025-02',
      '2025-03',
    ]);
    expect((await trend('2026-01', '2026-04')).months).toEqual([]);
  });

  it('sums the months into the offering analytics, targets from the warranty in force now', async () => {
    const a = await analytics();
    expect(a).toMatchObject({
      provisions: 1,
      outputs: 1,
      outcomes: 1,
      costs: {
        removed: { EUR: '100.1' },
        imposed: { EUR: '40.05', USD: '12' },
        net: { EUR: '60.05', USD: '-12' },
      },
      risks: { removed: { high: 1, low: 0 }, imposed: { high: 0 } },
      reviews: 3,
      averageValueScore: 4,
      valueScore: { customer: { reviews: 2, mean: 3.5 }, sponsor: { reviews: 1, mean: 5 } },
      firstProvisionedAt: '2025-01-15T00:00:00.000Z',
    });
    expect(a.serviceLevels).toEqual({
      availability: {
        measurements: 4,
        breaches: 2,
        target: 99.5,
        comparison: 'at-least',
        unit: 'percent',
        mean: 99.5,
        min: 99.1,
        max: 99.9,
      },
      'resolution-hours': {
        measurements: 4,
        breaches: 2,
        target: 6,
        comparison: 'at-most',
        unit: 'hours',
        mean: 7,
        min: 5,
        max: 9,
      },
    });
  });

  it('leaves retracted facts out of every month, total, mean, min and max', async () => {
    const retract = (factId: string, factType: string) =>
      event('FactRetracted', { relationshipId: REL, factId, factType, reason: 'mistake' });
    await r.feed(
      retract('h3', 'ServiceLevelMeasured'),
      retract('a1', 'ServiceLevelMeasured'),
      retract('c3', 'CostRecorded'),
      retract('k1', 'RiskRecorded'),
      retract('v3', 'RelationshipReviewed'),
    );
    const a = await analytics();
    expect(a.serviceLevels.availability).toMatchObject({
      measurements: 3,
      breaches: 2,
      mean: 99.3667,
      min: 99.1,
      max: 99.7,
    });
    expect(a.serviceLevels['resolution-hours']).toMatchObject({
      measurements: 3,
      breaches: 1,
      min: 5,
      max: 7,
      mean: 6.3333,
    });
    expect(a.costs).toEqual({
      removed: { EUR: '100.1' },
      imposed: { EUR: '40.05' },
      net: { EUR: '60.05' },
    });
    expect(a.risks.removed.high).toBe(0);
    expect(a.valueScore).toEqual({ customer: { reviews: 2, mean: 3.5 } });
    const { months } = await trend();
    const mar = months.find((m) => m.month === '2025-03')!;
    expect(Object.keys(mar.serviceLevels)).toEqual(['availability']);
    expect(mar.costs).toEqual({ removed: {}, imposed: {}, net: {} });
    const apr = months.find((m) => m.month === '2025-04')!;
    expect(apr.valueScore).toEqual({});
  });

  it('drops a month whose every fact was retracted', async () => {
    await r.feed(
      measured('a9', 'availability', '2025-09', 99.8, 99.5),
      event('FactRetracted', {
        relationshipId: REL,
        factId: 'a9',
        factType: 'ServiceLevelMeasured',
        reason: 'wrong offering',
      }),
    );
    expect((await trend()).months.map((m) => m.month)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
    ]);
  });

  it('reads a v1 warranty as availability at least its target', async () => {
    const v1 = new TwoProjections();
    const published: RecordedEvent = v1.analytics.recorded(
      event('OfferingPublished', {
        ...description(8, 'ignored'),
        effectiveFrom: undefined,
        warranty: { availabilityTarget: 99.9 },
        providerId: PROVIDER,
      }),
    );
    await v1.analytics.feed(published);
    const a = await new GetOfferingAnalyticsHandler(v1).execute(new GetOfferingAnalytics(OFFERING));
    expect(a.serviceLevels).toEqual({
      availability: {
        measurements: 0,
        breaches: 0,
        target: 99.9,
        comparison: 'at-least',
        unit: 'percent',
        mean: null,
        min: null,
        max: null,
      },
    });
    await v1.close();
  });
});
