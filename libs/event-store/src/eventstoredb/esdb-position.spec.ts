import { compareEsdbPositions, decodeEsdbPosition, encodeEsdbPosition } from './esdb-position';

const UINT64_MAX = (1n << 64n) - 1n;

describe('EventStoreDB position encoding', () => {
  it.each([
    { commit: 0n, prepare: 0n },
    { commit: 1n, prepare: 0n },
    { commit: 0n, prepare: 1n },
    { commit: 12_345n, prepare: 12_300n },
    { commit: 2n ** 53n + 1n, prepare: 2n ** 53n + 3n },
    { commit: UINT64_MAX, prepare: UINT64_MAX },
  ])('round-trips %p exactly', (position) => {
    const encoded = encodeEsdbPosition(position);
    expect(encoded).toMatch(/^(0|[1-9][0-9]*)$/);
    expect(decodeEsdbPosition(encoded)).toEqual(position);
  });

  it('orders by commit first, then prepare, as $all does', () => {
    const inLogOrder = [
      { commit: 0n, prepare: 0n },
      { commit: 0n, prepare: UINT64_MAX },
      { commit: 1n, prepare: 0n },
      { commit: 1n, prepare: 2n },
      { commit: 2n ** 53n, prepare: 5n },
      { commit: 2n ** 53n + 1n, prepare: 0n },
      { commit: UINT64_MAX, prepare: UINT64_MAX },
    ].map(encodeEsdbPosition);
    const shuffled = [...inLogOrder].reverse();
    expect(shuffled.sort(compareEsdbPositions)).toEqual(inLogOrder);
  });

  it('keeps digits a Number would lose (beyond 2^53)', () => {
    const a = encodeEsdbPosition({ commit: 0n, prepare: 2n ** 53n });
    const b = encodeEsdbPosition({ commit: 0n, prepare: 2n ** 53n + 1n });
    expect(Number(a)).toBe(Number(b));
    expect(a).not.toBe(b);
    expect(compareEsdbPositions(a, b)).toBeLessThan(0);
    expect(encodeEsdbPosition({ commit: 1n, prepare: 0n })).toBe('18446744073709551616');
  });

  it('refuses what it could not have produced', () => {
    for (const bad of ['', '-1', '01', '1.5', '1e3', ' 1', 'abc']) {
      expect(() => decodeEsdbPosition(bad)).toThrow(TypeError);
    }
    expect(() => decodeEsdbPosition((1n << 128n).toString())).toThrow(RangeError);
    expect(() => encodeEsdbPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeEsdbPosition({ commit: 0n, prepare: UINT64_MAX + 1n })).toThrow(RangeError);
  });
});
