import { measuredActual, measuredBaseline, MeasuredPeriod } from './measured-periods';

const period = (id: string, start: string, end: string, actual: number): MeasuredPeriod => ({
  measurementId: id,
  period: { start, end },
  actual,
});

describe('measured baseline and actual', () => {
  const periods = [
    period('may', '2026-05-01', '2026-06-01', 99.75),
    period('jan', '2026-01-01', '2026-02-01', 98),
    period('apr', '2026-04-01', '2026-05-01', 99.5),
    period('feb', '2026-02-01', '2026-03-01', 98.5),
    period('mar', '2026-03-01', '2026-04-01', 99),
  ];

  it('baseline: the last 3 periods in period order that ended by the proposal', () => {
    expect(measuredBaseline(periods, '2026-04-15T00:00:00Z')).toEqual({
      value: (98 + 98.5 + 99) / 3,
      measurementIds: ['jan', 'feb', 'mar'],
    });
    // A period that ends exactly at the proposal counts.
    expect(measuredBaseline(periods, '2026-05-01T00:00:00Z')?.measurementIds).toEqual([
      'feb',
      'mar',
      'apr',
    ]);
  });

  it('baseline: undefined when nothing ended before the proposal', () => {
    expect(measuredBaseline(periods, '2026-01-31T23:59:59Z')).toBeUndefined();
  });

  it('actual: every period that starts at or after the implementation', () => {
    expect(measuredActual(periods, '2026-04-01T00:00:00Z')).toEqual({
      value: (99.5 + 99.75) / 2,
      measurementIds: ['apr', 'may'],
    });
    expect(measuredActual(periods, '2026-04-01T00:00:01Z')?.measurementIds).toEqual(['may']);
    expect(measuredActual(periods, '2026-06-01')).toBeUndefined();
  });

  it('compares instants, not text (offsets are honoured)', () => {
    const cet = [period('x', '2026-03-01T00:30:00+01:00', '2026-03-31T23:30:00Z', 7)];
    // 00:30+01:00 is 23:30Z on Feb 28th: before an implementation on March 1st (UTC).
    expect(measuredActual(cet, '2026-03-01T00:00:00Z')).toBeUndefined();
  });
});
