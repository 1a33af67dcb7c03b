import { compareInstants, insertInPeriodOrder, SeriesPeriod } from './measured-series';

const period = (measurementId: string, start: string): SeriesPeriod => [
  measurementId,
  start,
  start,
  99,
  0,
  99.5,
  'at-least',
  'percent',
];

describe('measured series order', () => {
  it('compares instants by time, whatever form they were written in', () => {
    expect(compareInstants('2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z')).toBeLessThan(0);
    expect(compareInstants('2025-02-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')).toBeGreaterThan(
      0,
    );
    // Written with an offset (v1 periods are kept as recorded): 2024-12-31T23:00Z.
    expect(compareInstants('2025-01-01T00:00:00+01:00', '2025-01-01T00:00:00.000Z')).toBeLessThan(
      0,
    );
    expect(compareInstants('2025-01-01T01:00:00+01:00', '2025-01-01T00:00:00.000Z')).toBe(0);
  });

  it('inserts periods by start, then measurement id, wherever they arrive', () => {
    const periods: SeriesPeriod[] = [];
    insertInPeriodOrder(periods, period('m3', '2025-03-01T00:00:00.000Z'));
    insertInPeriodOrder(periods, period('m1', '2025-01-01T00:00:00.000Z'));
    insertInPeriodOrder(periods, period('m4', '2025-04-01T00:00:00.000Z'));
    insertInPeriodOrder(periods, period('m2b', '2025-02-01T00:00:00.000Z'));
    insertInPeriodOrder(periods, period('m2a', '2025-02-01T01:00:00+01:00'));
    insertInPeriodOrder(periods, period('m0', '2025-01-01T00:30:00+01:00'));
    expect(periods.map((p) => p[0])).toEqual(['m0', 'm1', 'm2a', 'm2b', 'm3', 'm4']);
  });
});
