import { toUtcInstant } from './period';

describe('toUtcInstant', () => {
  it('reads an instant without a zone as UTC, one with a zone as given', () => {
    expect(toUtcInstant('2026-01-31T12:00')).toBe('2026-01-31T12:00:00.000Z');
    expect(toUtcInstant('2026-01-31T12:00:00.123Z')).toBe('2026-01-31T12:00:00.123Z');
    expect(toUtcInstant(' 2026-01-31T14:00:00+02:00 ')).toBe('2026-01-31T12:00:00.000Z');
    expect(toUtcInstant('2026-01-31')).toBe('2026-01-31T00:00:00.000Z');
  });

  it('refuses anything else', () => {
    expect(toUtcInstant('yesterday')).toBeUndefined();
    expect(toUtcInstant('2026-13-45T99:00')).toBeUndefined();
  });
});
