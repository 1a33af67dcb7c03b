import { decodeSnapshotState, encodeSnapshotState } from './snapshot-blob';

describe('snapshot state as a BLOB (JSON line, then long ASCII strings raw)', () => {
  const ascii = (n: number, seed: string) =>
    Array.from({ length: n }, (_, i) => seed[i % seed.length]).join('');

  it('gives back the same state, long strings moved out wherever they are', () => {
    const state = {
      facts: { ids: { packed: ascii(9000, '0123456789abcdef-') }, types: ascii(5000, '2') },
      series: [{ at: ascii(4096, 'T\n"\\{}') }, 'short', 3, null, true, []],
      roles: { customer: 'Dana' },
      accented: ascii(6000, 'éü'), // latin1 but not ASCII: stays inside the JSON
      wide: ascii(6000, 'Ωж'),
      empty: {},
    };
    const blob = encodeSnapshotState(state);
    expect(decodeSnapshotState(blob)).toEqual(state);
    // Moved out: the three ASCII strings are after the JSON line, which does not hold them.
    const line = blob.toString('utf8', 0, blob.indexOf(0x0a));
    expect(line).not.toContain('0123456789abcdef');
    expect(line).toContain('Dana');
    expect(blob.length - blob.indexOf(0x0a) - 1).toBe(9000 + 5000 + 4096);
  });

  it('a state that is one long string, or has none', () => {
    for (const state of [ascii(10_000, 'xy'), { a: 1 }, [], 'short', 7, null]) {
      expect(decodeSnapshotState(encodeSnapshotState(state))).toEqual(state);
    }
  });

  it('still reads a state written as JSON text', () => {
    const state = { ids: ascii(5000, 'ab'), n: 2 };
    expect(decodeSnapshotState(JSON.stringify(state))).toEqual(state);
  });

  it('refuses a BLOB cut short (the snapshot is then ignored, the stream folded)', () => {
    const blob = encodeSnapshotState({ ids: ascii(5000, 'ab') });
    expect(() => decodeSnapshotState(blob.subarray(0, blob.length - 1))).toThrow();
    expect(() => decodeSnapshotState(Buffer.from('{"state":1'))).toThrow();
  });
});
