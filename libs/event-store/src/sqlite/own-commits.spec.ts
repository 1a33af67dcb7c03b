import type { EventRow } from './event-row';
import { OwnCommits } from './own-commits';

function rows(first: number, count: number): EventRow[] {
  return Array.from({ length: count }, (_, i): EventRow => {
    const position = first + i;
    return [
      position,
      's',
      position,
      `e${position}`,
      'Noted',
      `{"n":${position}}`,
      '{"recordedAt":"2026-11-30T00:00:00Z"}',
      '0'.repeat(64),
      'f'.repeat(64),
    ];
  });
}

/** Stages `count` rows at `first` and commits them; `durable` says whether the fsync completed. */
function commit(own: OwnCommits, first: number, count: number, durable = true): void {
  own.record(rows(first, count));
  own.committed();
  if (durable) own.durable();
}

const positions = (events: { position: string }[] | undefined) => events?.map((e) => e.position);

describe('OwnCommits', () => {
  it('hands on committed events as the log stores them, once durable, from the next position', () => {
    const own = new OwnCommits();
    commit(own, 1, 3, false);
    expect(own.after(0, 10)).toBeUndefined(); // its fsync still runs: read the file (up to the durable head)
    own.durable();
    const page = own.after(0, 10);
    expect(positions(page)).toEqual(['1', '2', '3']);
    expect(page?.[1]).toEqual({
      streamId: 's',
      revision: 2,
      position: '2',
      eventId: 'e2',
      type: 'Noted',
      data: { n: 2 },
      metadata: { recordedAt: '2026-11-30T00:00:00Z' },
      recordedAt: '2026-11-30T00:00:00Z',
      previousHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    });
    expect(positions(own.after(1, 1))).toEqual(['2']);
  });

  it('continues across consecutive commits, up to the limit, and not across a gap', () => {
    const own = new OwnCommits();
    commit(own, 1, 2);
    commit(own, 3, 2);
    commit(own, 7, 2); // 5 and 6 written by someone else
    expect(positions(own.after(0, 3))).toEqual(['1', '2', '3']);
    expect(positions(own.after(1, 10))).toEqual(['2', '3', '4']);
    expect(own.after(4, 10)).toBeUndefined();
    expect(positions(own.after(6, 10))).toEqual(['7', '8']);
    expect(own.after(8, 10)).toBeUndefined();
  });

  it('forgets what a rolled-back write or transaction staged', () => {
    const own = new OwnCommits();
    own.record(rows(1, 1));
    const mark = own.mark();
    own.record(rows(2, 1));
    own.rewind(mark); // the second write was rolled back to its savepoint
    own.committed();
    own.durable();
    expect(positions(own.after(0, 10))).toEqual(['1']);
    own.record(rows(2, 2));
    own.rolledBack();
    commit(own, 2, 1);
    expect(positions(own.after(0, 10))).toEqual(['1', '2']);
  });

  it('makes commits durable in commit order, a commit without events included', () => {
    const own = new OwnCommits();
    commit(own, 1, 1, false);
    own.committed(); // a snapshot alone
    commit(own, 2, 1, false);
    own.durable();
    expect(positions(own.after(0, 10))).toEqual(['1']);
    own.durable();
    expect(own.after(1, 10)).toBeUndefined();
    own.durable();
    expect(positions(own.after(0, 10))).toEqual(['1', '2']);
  });

  it('starts anew on positions that go back, and keeps only the latest events', () => {
    const own = new OwnCommits();
    commit(own, 1, 2);
    commit(own, 2, 1); // not after what it kept: that is not one writer's log any more
    expect(own.after(0, 10)).toBeUndefined();
    expect(positions(own.after(1, 10))).toEqual(['2']);
    for (let first = 3; first < 1003; first += 100) commit(own, first, 100);
    expect(own.after(1, 10)).toBeUndefined(); // long gone: read from the file
    expect(positions(own.after(1001, 10))).toEqual(['1002']);
  });

  it('shares one conversion between subscribers', () => {
    const own = new OwnCommits();
    commit(own, 1, 2);
    expect(own.after(0, 10)?.[0]).toBe(own.after(0, 10)?.[0]);
  });
});
