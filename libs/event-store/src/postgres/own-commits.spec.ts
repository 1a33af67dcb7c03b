import type { EventRow } from './event-row';
import { OwnCommits } from './own-commits';

/** A group's rows at positions `from`..`to`. */
function group(from: number, to: number): EventRow[] {
  const rows: EventRow[] = [];
  for (let p = from; p <= to; p += 1) {
    rows.push([
      String(p),
      `stream-${p}`,
      0,
      `event-${p}`,
      'Probe',
      `{"p":${p}}`,
      '{"actor":"tester","recordedAt":"2026-11-30T00:00:00.000Z"}',
      '0'.repeat(64),
      `hash-${p}`,
    ]);
  }
  return rows;
}

const positions = (events: readonly { position: string }[] | undefined) =>
  events?.map((e) => Number(e.position));

describe('OwnCommits', () => {
  it('hands a group to a subscriber whose last position is just before it, as a read would', () => {
    const own = new OwnCommits();
    own.add(group(11, 13));
    const events = own.after('10', 100);
    expect(positions(events)).toEqual([11, 12, 13]);
    expect(events?.[1]).toEqual({
      streamId: 'stream-12',
      revision: 0,
      position: '12',
      eventId: 'event-12',
      type: 'Probe',
      data: { p: 12 },
      metadata: { actor: 'tester', recordedAt: '2026-11-30T00:00:00.000Z' },
      recordedAt: '2026-11-30T00:00:00.000Z',
      previousHash: '0'.repeat(64),
      hash: 'hash-12',
    });
    // Converted once, shared by every subscriber that takes it.
    expect(own.after('10', 100)?.[0]).toBe(events?.[0]);
  });

  it('hands the rest of a group to a subscriber that took its first part', () => {
    const own = new OwnCommits();
    own.add(group(11, 15));
    expect(positions(own.after('10', 2))).toEqual([11, 12]);
    expect(positions(own.after('12', 2))).toEqual([13, 14]);
    expect(positions(own.after('14', 2))).toEqual([15]);
  });

  it('hands nothing to a subscriber whose next position no kept group holds: it reads the log', () => {
    const own = new OwnCommits();
    own.add(group(11, 13));
    expect(own.after('9', 100)).toBeUndefined();
    expect(own.after('13', 100)).toBeUndefined();
  });

  it('joins groups that follow one another, up to the limit, and stops at a gap', () => {
    const own = new OwnCommits();
    own.add(group(11, 12));
    own.add(group(13, 15));
    // 16..19: another process's commits, not here.
    own.add(group(20, 21));
    expect(positions(own.after('10', 100))).toEqual([11, 12, 13, 14, 15]);
    expect(positions(own.after('10', 4))).toEqual([11, 12, 13, 14]);
    expect(positions(own.after('10', 1))).toEqual([11]);
    expect(positions(own.after('12', 100))).toEqual([13, 14, 15]);
    expect(positions(own.after('13', 100))).toEqual([14, 15]);
    expect(positions(own.after('15', 100))).toBeUndefined();
    expect(positions(own.after('19', 100))).toEqual([20, 21]);
  });

  it('forgets the oldest groups past its bound, and starts anew on positions going back', () => {
    const own = new OwnCommits();
    for (let p = 1; p <= 1000; p += 10) own.add(group(p, p + 9));
    expect(own.after('0', 100)).toBeUndefined();
    expect(positions(own.after('990', 100))).toHaveLength(10);
    own.add(group(5, 6));
    expect(own.after('990', 100)).toBeUndefined();
    expect(positions(own.after('4', 100))).toEqual([5, 6]);
  });

  it('keeps no group whose positions are not consecutive', () => {
    const own = new OwnCommits();
    const rows = group(11, 13);
    rows[2][0] = '14';
    own.add(rows);
    expect(own.after('10', 100)).toBeUndefined();
  });
});
