import type { Improvement, RelationshipSummary, TrendMonth } from './types';
import { formatNumber, isOverdue, subjectOf, valueScoreByRole, worstFirst } from './derive';

const month = (m: string, valueScore: TrendMonth['valueScore']): TrendMonth => ({
  month: m,
  serviceLevels: {},
  valueScore,
  costs: { removed: {}, imposed: {}, net: {} },
  risks: { removed: {}, imposed: {} },
  outputs: 0,
  outcomes: 0,
});

describe('valueScoreByRole', () => {
  it('weights each month by its reviews', () => {
    const trend = {
      months: [
        month('2026-01', { customer: { reviews: 1, mean: 2 }, user: { reviews: 2, mean: 4 } }),
        month('2026-02', { customer: { reviews: 3, mean: 4 } }),
      ],
    };
    expect(valueScoreByRole(trend)).toEqual([
      { role: 'customer', reviews: 4, mean: 3.5 },
      { role: 'user', reviews: 2, mean: 4 },
    ]);
  });
});

describe('worstFirst', () => {
  it('orders by breaches, then by the lowest value score', () => {
    const r = (id: string, breaches: number, score: number | null): RelationshipSummary => ({
      id,
      provider: { id: 'p', name: 'P' },
      consumer: { id: 'c', name: 'C' },
      status: 'active',
      counts: { breaches },
      averageValueScore: score,
    });
    expect(
      worstFirst([r('a', 0, 5), r('b', 3, 4), r('c', 3, 2), r('d', 0, null)]).map((x) => x.id),
    ).toEqual(['c', 'b', 'a', 'd']);
  });
});

describe('isOverdue', () => {
  const base: Improvement = {
    id: 'i',
    title: 't',
    dimension: 'd',
    valueChainActivity: 'improve',
    metric: 'm',
    baseline: 1,
    target: 2,
    status: 'approved',
    targetDate: '2026-01-01',
  };
  const now = new Date('2026-02-01T00:00:00Z');

  it('is open with its target date passed', () => {
    expect(isOverdue(base, now)).toBe(true);
    expect(isOverdue({ ...base, status: 'evaluated' }, now)).toBe(false);
    expect(isOverdue({ ...base, targetDate: '2026-03-01' }, now)).toBe(false);
  });

  it("takes the server's flag when there is one", () => {
    expect(isOverdue({ ...base, overdue: false }, now)).toBe(false);
  });
});

describe('subjectOf', () => {
  it('reads an object, a stream id or a bare id', () => {
    const i = { id: 'i' } as Improvement;
    expect(subjectOf({ ...i, subject: { offeringId: 'x' } })).toEqual({
      kind: 'offering',
      id: 'x',
    });
    expect(subjectOf({ ...i, subject: 'relationship-y' })).toEqual({
      kind: 'relationship',
      id: 'y',
    });
    expect(subjectOf({ ...i, subjectId: 'z' })).toEqual({ kind: null, id: 'z' });
  });
});

describe('formatNumber', () => {
  it('rounds float noise away', () => {
    expect(formatNumber(99.94999999)).toBe('99.95');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(null)).toBe('—');
  });
});
