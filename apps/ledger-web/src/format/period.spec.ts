import {
  formatInstant,
  formatMonth,
  formatPeriod,
  isPast,
  monthsBack,
  monthsBetween,
} from './period';

describe('period formatting (UTC)', () => {
  it('names months', () => {
    expect(formatMonth('2026-03')).toBe('Mar 2026');
    expect(formatMonth('2025-12')).toBe('Dec 2025');
    expect(formatMonth('2025-13')).toBe('2025-13');
  });

  it('shows an instant in UTC to the minute', () => {
    expect(formatInstant('2026-03-01T23:59:59.999+02:00')).toBe('2026-03-01 21:59 UTC');
    expect(formatInstant(null)).toBe('—');
  });

  it('reads a whole month as the month, other periods as dates (end exclusive)', () => {
    expect(formatPeriod({ start: '2026-02-01T00:00:00Z', end: '2026-03-01T00:00:00Z' })).toBe(
      'Feb 2026',
    );
    expect(formatPeriod({ start: '2026-02-01T00:00:00Z', end: '2026-02-15T00:00:00Z' })).toBe(
      '2026-02-01 – 2026-02-14',
    );
  });

  it('lists the months of a range across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
    expect(monthsBack('2026-02', 12)).toBe('2025-03');
  });

  it('knows a date in the past', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    expect(isPast('2026-03-09', now)).toBe(true);
    expect(isPast('2026-03-11', now)).toBe(false);
    expect(isPast(null, now)).toBe(false);
  });
});
