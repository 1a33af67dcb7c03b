import type { OfferingTrend, TrendMonth } from '../api/types';
import { beforeAfterSeries, breachMarks, metricSeries, metricsOf } from './series';

function month(m: string, levels: TrendMonth['serviceLevels']): TrendMonth {
  const none = { removed: {}, imposed: {}, net: {} };
  return {
    month: m,
    serviceLevels: levels,
    valueScore: {},
    costs: none,
    risks: { removed: {}, imposed: {} },
    outputs: 0,
    outcomes: 0,
  };
}

const availability = {
  metric: 'availability',
  target: 99.9,
  comparison: 'at-least' as const,
  unit: 'percent',
};

describe('metricSeries', () => {
  const trend: OfferingTrend = {
    months: [
      month('2025-11', {
        availability: { measurements: 1, breaches: 0, mean: 99.95, target: 99.9 },
      }),
      month('2026-01', {
        availability: {
          measurements: 2,
          breaches: 1,
          mean: 99.5,
          min: 99.1,
          max: 99.9,
          target: 99.9,
        },
        'resolution-hours': { measurements: 1, breaches: 0, mean: 3, target: 8 },
      }),
      month('2025-12', {}),
    ],
  };

  it('gives every month of the range in order, with the mean achieved and the target', () => {
    expect(metricSeries(trend, 'availability', availability)).toEqual({
      metric: 'availability',
      unit: 'percent',
      comparison: 'at-least',
      months: ['2025-11', '2025-12', '2026-01'],
      achieved: [99.95, null, 99.5],
      target: [99.9, 99.9, 99.9],
      breaches: [0, 0, 1],
    });
  });

  it("uses the month's own target over the warranty's (the warranty may change)", () => {
    const changed: OfferingTrend = {
      months: [
        month('2026-02', {
          availability: { measurements: 1, breaches: 0, mean: 99.6, target: 99.5 },
        }),
      ],
    };
    expect(metricSeries(changed, 'availability', availability).target).toEqual([99.5]);
  });

  it('marks the breached months with the value achieved', () => {
    expect(breachMarks(metricSeries(trend, 'availability', availability))).toEqual([
      { month: '2026-01', value: 99.5 },
    ]);
  });

  it('is empty for an offering with no months', () => {
    expect(metricSeries({ months: [] }, 'availability', availability).months).toEqual([]);
  });

  it('lists warranty metrics first, then the others measured', () => {
    expect(metricsOf([availability], undefined, trend)).toEqual([
      'availability',
      'resolution-hours',
    ]);
  });
});

describe('beforeAfterSeries', () => {
  it('puts the periods before and after implementation on one axis, in period order', () => {
    const p = (start: string, end: string, actual: number) => ({ period: { start, end }, actual });
    const series = beforeAfterSeries({
      id: 'i',
      title: 't',
      dimension: 'd',
      valueChainActivity: 'improve',
      metric: 'availability',
      baseline: 99.2,
      target: 99.9,
      status: 'evaluated',
      measurements: {
        before: [
          p('2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', 99.3),
          p('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 99.1),
        ],
        after: [p('2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', 99.95)],
      },
    });
    expect(series).toEqual({
      labels: ['Jan 2026', 'Feb 2026', 'Apr 2026'],
      before: [99.1, 99.3, null],
      after: [null, null, 99.95],
      baseline: 99.2,
      target: 99.9,
    });
  });
});
