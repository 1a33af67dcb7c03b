import fc from 'fast-check';
import { isoInstant, isIsoInstant, parseIsoInstant } from './iso-time';

describe('parseIsoInstant', () => {
  it.each([
    ['2026-01-31', Date.UTC(2026, 0, 31)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2026-01-31T10:20Z', Date.UTC(2026, 0, 31, 10, 20)],
    ['2026-01-31T10:20:30.5Z', Date.UTC(2026, 0, 31, 10, 20, 30, 500)],
    ['2026-01-31T10:20:30.123456789Z', Date.UTC(2026, 0, 31, 10, 20, 30, 123)],
    ['2026-01-31T12:00:00+02:00', Date.UTC(2026, 0, 31, 10)],
    ['2026-01-31T00:00:00-05:30', Date.UTC(2026, 0, 31, 5, 30)],
  ])('reads %p', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:60Z',
    '2026-01-01T00:00:00',
    '2026-1-1',
    '20260101',
    'tomorrow',
    '',
  ])('refuses %p', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
    expect(isIsoInstant(text)).toBe(false);
  });
});

describe('isoInstant', () => {
  it('writes what Date.prototype.toISOString writes, at the edges of its format too', () => {
    const edges = [0, -1, 1, 253402300799999, 253402300800000, -62167219200000, -62167219200001];
    for (const ms of edges) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });

  it('writes what Date.prototype.toISOString writes for any instant a Date can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });
});
