import { randomUUID } from 'node:crypto';
import {
  computeEventHash,
  GENESIS_HASH,
  RevisionConflict,
  StreamNotFound,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@app/event-store';

/** How the contract suite gets a store of the adapter under test. */
export interface EventStoreContractHarness {
  /** A store to test. It may hold other data (a shared server): every case isolates itself. */
  create(): Promise<EventStore>;
  /** Closes `store` and opens it again on the same data (for SQLite: the same file). */
  reopen(store: EventStore): Promise<EventStore>;
}

const CASE_TIMEOUT_MS = 20_000;

/**
 * The guarantees of the EventStore port, as tests every adapter must pass.
 *
 * The same suite runs against a shared EventStoreDB server that already holds other data, so
 * each case uses fresh `<category>-<uuid>` stream ids, starts log-wide reads at the head
 * position taken at its start, and filters log-wide reads to its own streams.
 */
export function describeEventStoreContract(
  adapterName: string,
  harness: EventStoreContractHarness,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    jest.setTimeout(CASE_TIMEOUT_MS);
    let store: EventStore;

    beforeEach(async () => {
      store = await harness.create();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('append with an expected revision', () => {
      it('no_stream creates a new stream at revision 0', async () => {
        const stream = newStreamId();
        const result = await store.append(stream, [newEvent('Opened')], {
          expectedRevision: 'no_stream',
        });
        expect(result.revision).toBe(0);
        expect(result.position).toMatch(/^\d+$/);
        expect(await readStreamTypes(store, stream)).toEqual(['Opened']);
      });

      it('no_stream on an existing stream conflicts (expected no_stream, actual 0) and writes nothing', async () => {
        const stream = await streamWith(store, 1);
        const error = await appendError(store, stream, [newEvent('Again')], 'no_stream');
        expectConflict(error, stream, 'no_stream', 0);
        expect(await readStreamTypes(store, stream)).toEqual(['E0']);
      });

      it('stream_exists appends to an existing stream', async () => {
        const stream = await streamWith(store, 1);
        const result = await store.append(stream, [newEvent('More')], {
          expectedRevision: 'stream_exists',
        });
        expect(result.revision).toBe(1);
        expect(await readStreamTypes(store, stream)).toEqual(['E0', 'More']);
      });

      it('stream_exists on a missing stream conflicts (actual no_stream) and creates nothing', async () => {
        const stream = newStreamId();
        const error = await appendError(store, stream, [newEvent('More')], 'stream_exists');
        expectConflict(error, stream, 'stream_exists', 'no_stream');
        await expect(readStream(store, stream)).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('any appends to a missing stream and to an existing one', async () => {
        const stream = newStreamId();
        const first = await store.append(stream, [newEvent('A')], { expectedRevision: 'any' });
        const second = await store.append(stream, [newEvent('B')], { expectedRevision: 'any' });
        expect([first.revision, second.revision]).toEqual([0, 1]);
        expect(await readStreamTypes(store, stream)).toEqual(['A', 'B']);
      });

      it('an exact revision equal to the current one appends', async () => {
        const stream = await streamWith(store, 2);
        const result = await store.append(stream, [newEvent('Next')], { expectedRevision: 1 });
        expect(result.revision).toBe(2);
        expect(await readStreamTypes(store, stream)).toEqual(['E0', 'E1', 'Next']);
      });

      it('a stale exact revision conflicts with expected and actual on the error, and writes nothing', async () => {
        const stream = await streamWith(store, 2);
        const error = await appendError(store, stream, [newEvent('Late')], 0);
        expectConflict(error, stream, 0, 1);
        expect(await readStreamTypes(store, stream)).toEqual(['E0', 'E1']);
      });

      it('an exact revision ahead of the stream conflicts', async () => {
        const stream = await streamWith(store, 1);
        const error = await appendError(store, stream, [newEvent('Ahead')], 5);
        expectConflict(error, stream, 5, 0);
      });

      it('an exact revision on a missing stream conflicts with actual no_stream', async () => {
        const stream = newStreamId();
        const error = await appendError(store, stream, [newEvent('X')], 0);
        expectConflict(error, stream, 0, 'no_stream');
        await expect(readStream(store, stream)).rejects.toBeInstanceOf(StreamNotFound);
      });
    });

    describe('atomic and idempotent appends', () => {
      it('stores a multi-event append at consecutive revisions and answers with the last one', async () => {
        const stream = newStreamId();
        const events = [newEvent('A'), newEvent('B'), newEvent('C')];
        const result = await store.append(stream, events, { expectedRevision: 'no_stream' });
        const stored = await readStream(store, stream);
        expect(stored.map((e) => [e.revision, e.eventId])).toEqual(
          events.map((e, i) => [i, e.eventId]),
        );
        expect(result).toEqual({ revision: 2, position: stored[2].position });
        expectIncreasingPositions(stored);
      });

      it('a conflicting multi-event append stores none of its events', async () => {
        const stream = await streamWith(store, 1);
        const error = await appendError(store, stream, [newEvent('A'), newEvent('B')], 'no_stream');
        expect(error).toBeInstanceOf(RevisionConflict);
        expect(await readStreamTypes(store, stream)).toEqual(['E0']);
      });

      it('a batch that fails on a later event (unencodable data) leaves nothing', async () => {
        const stream = await streamWith(store, 1);
        const bad: NewEvent = { ...newEvent('Bad'), data: { amount: Number.NaN } };
        await expect(
          store.append(stream, [newEvent('Good1'), newEvent('Good2'), bad], {
            expectedRevision: 0,
          }),
        ).rejects.toThrow();
        expect(await readStreamTypes(store, stream)).toEqual(['E0']);
        const next = await store.append(stream, [newEvent('After')], { expectedRevision: 0 });
        expect(next.revision).toBe(1);
      });

      it('a batch failing among concurrent appends leaves nothing and takes none of the others down', async () => {
        const streams = [newStreamId(), newStreamId(), newStreamId()];
        const bad: NewEvent = { ...newEvent('Bad'), data: { amount: Number.POSITIVE_INFINITY } };
        const outcomes = await Promise.allSettled([
          store.append(streams[0], [newEvent('A')], { expectedRevision: 'no_stream' }),
          store.append(streams[1], [newEvent('Good'), bad], { expectedRevision: 'no_stream' }),
          store.append(streams[2], [newEvent('C')], { expectedRevision: 'no_stream' }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await readStreamTypes(store, streams[0])).toEqual(['A']);
        await expect(readStream(store, streams[1])).rejects.toBeInstanceOf(StreamNotFound);
        expect(await readStreamTypes(store, streams[2])).toEqual(['C']);
      });

      it('re-appending the same events returns the original result and writes nothing', async () => {
        const stream = newStreamId();
        const events = [newEvent('A'), newEvent('B')];
        const original = await store.append(stream, events, { expectedRevision: 'no_stream' });
        const retry = await store.append(stream, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual(original);
        expect(await readStreamTypes(store, stream)).toEqual(['A', 'B']);
      });

      it('re-appending an earlier single append after later ones returns its original result', async () => {
        const stream = newStreamId();
        const first = newEvent('First');
        const second = newEvent('Second');
        await store.append(stream, [first], { expectedRevision: 'no_stream' });
        const original = await store.append(stream, [second], { expectedRevision: 0 });
        await store.append(stream, [newEvent('Third')], { expectedRevision: 1 });
        const retry = await store.append(stream, [second], { expectedRevision: 0 });
        expect(retry).toEqual(original);
        const retryAny = await store.append(stream, [second], { expectedRevision: 'any' });
        expect(retryAny).toEqual(original);
        expect(await readStreamTypes(store, stream)).toEqual(['First', 'Second', 'Third']);
      });

      it('of two concurrent appends with the same expected revision exactly one wins', async () => {
        const stream = await streamWith(store, 1);
        const outcomes = await Promise.allSettled([
          store.append(stream, [newEvent('Left')], { expectedRevision: 0 }),
          store.append(stream, [newEvent('Right')], { expectedRevision: 0 }),
        ]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expectConflict(lost[0].reason, stream, 0, 1);
        const types = await readStreamTypes(store, stream);
        expect(types).toHaveLength(2);
        expect(['Left', 'Right']).toContain(types[1]);
      });

      it('of many concurrent no_stream appends to one stream exactly one wins', async () => {
        const stream = newStreamId();
        const outcomes = await Promise.allSettled(
          [0, 1, 2, 3, 4].map((i) =>
            store.append(stream, [newEvent(`Try${i}`)], { expectedRevision: 'no_stream' }),
          ),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const lost of outcomes.filter((o) => o.status === 'rejected')) {
          expectConflict(lost.reason, stream, 'no_stream', 0);
        }
        expect(await readStreamTypes(store, stream)).toHaveLength(1);
      });

      it('concurrent appends to different streams all succeed at distinct positions', async () => {
        const streams = [newStreamId(), newStreamId(), newStreamId(), newStreamId()];
        const results = await Promise.all(
          streams.map((s) => store.append(s, [newEvent('A')], { expectedRevision: 'no_stream' })),
        );
        expect(new Set(results.map((r) => r.position)).size).toBe(streams.length);
        for (const [i, s] of streams.entries()) {
          const [event] = await readStream(store, s);
          expect(event.position).toBe(results[i].position);
        }
      });
    });

    describe('readStream', () => {
      it('reads forwards every field of every event in order', async () => {
        const stream = newStreamId();
        const events = [
          newEvent('A', { n: 1, nested: { list: [1, 'two'] } }),
          newEvent('B', { n: 2 }),
        ];
        await store.append(stream, events, { expectedRevision: 'no_stream' });
        const stored = await readStream(store, stream);
        expect(stored).toHaveLength(2);
        stored.forEach((recorded, i) => {
          expect(recorded.streamId).toBe(stream);
          expect(recorded.revision).toBe(i);
          expect(recorded.eventId).toBe(events[i].eventId);
          expect(recorded.type).toBe(events[i].type);
          expect(recorded.data).toEqual(events[i].data);
          expect(recorded.metadata).toMatchObject(events[i].metadata);
          expect(recorded.recordedAt).toBe(recorded.metadata.recordedAt);
          expect(recorded.position).toMatch(/^\d+$/);
        });
      });

      it('reads backwards from the end', async () => {
        const stream = await streamWith(store, 4);
        const stored = await readStream(store, stream, { direction: 'backwards' });
        expect(stored.map((e) => e.revision)).toEqual([3, 2, 1, 0]);
        expect(stored.map((e) => e.type)).toEqual(['E3', 'E2', 'E1', 'E0']);
      });

      it('reads forwards from a revision (inclusive)', async () => {
        const stream = await streamWith(store, 5);
        const stored = await readStream(store, stream, { fromRevision: 2 });
        expect(stored.map((e) => e.revision)).toEqual([2, 3, 4]);
      });

      it('reads backwards from a revision (inclusive)', async () => {
        const stream = await streamWith(store, 5);
        const stored = await readStream(store, stream, { fromRevision: 2, direction: 'backwards' });
        expect(stored.map((e) => e.revision)).toEqual([2, 1, 0]);
      });

      it('stops after maxCount in both directions', async () => {
        const stream = await streamWith(store, 5);
        const forwards = await readStream(store, stream, { fromRevision: 1, maxCount: 2 });
        expect(forwards.map((e) => e.revision)).toEqual([1, 2]);
        const backwards = await readStream(store, stream, {
          direction: 'backwards',
          maxCount: 3,
        });
        expect(backwards.map((e) => e.revision)).toEqual([4, 3, 2]);
      });

      it('reads nothing from a revision past the end of an existing stream', async () => {
        const stream = await streamWith(store, 2);
        expect(await readStream(store, stream, { fromRevision: 7 })).toEqual([]);
      });

      it('throws StreamNotFound with the stream id for an unknown stream', async () => {
        const stream = newStreamId();
        const error = await readStream(store, stream).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(StreamNotFound);
        expect((error as StreamNotFound).streamId).toBe(stream);
        await expect(readStream(store, stream, { fromRevision: 0 })).rejects.toBeInstanceOf(
          StreamNotFound,
        );
        await expect(
          readStream(store, stream, { direction: 'backwards', maxCount: 1 }),
        ).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('leaving a read early does not block later appends and reads', async () => {
        const stream = await streamWith(store, 5);
        for await (const event of store.readStream(stream)) {
          expect(event.revision).toBe(0);
          break;
        }
        const result = await store.append(stream, [newEvent('After')], { expectedRevision: 4 });
        expect(result.revision).toBe(5);
        expect(await readStream(store, stream)).toHaveLength(6);
      });
    });

    describe('readStreamForFold', () => {
      it('reads the events readStream reads, in order, in pages of more than one event', async () => {
        const stream = newStreamId();
        // More than one page of every adapter's default (1,000 events).
        const events = Array.from({ length: 1205 }, (_, i) => ({
          ...newEvent(`E${i % 3}`, { n: i, nested: { list: [i, 'two'] } }),
          metadata: {
            actor: 'contract:test',
            ...(i % 2 === 0 ? { schemaVersion: 1 + (i % 4) } : {}),
          },
        }));
        await store.append(stream, events, { expectedRevision: 'no_stream' });
        const pages = await collect(store.readStreamForFold(stream));
        expect(pages.length).toBeGreaterThan(1);
        expect(pages.every((page) => page.length > 0)).toBe(true);
        const folded = pages.flat();
        const recorded = await readStream(store, stream);
        expect(folded).toHaveLength(recorded.length);
        folded.forEach((event, i) => {
          expect(event.revision).toBe(recorded[i].revision);
          expect(event.position).toBe(recorded[i].position);
          expect(event.type).toBe(recorded[i].type);
          expect(event.data).toEqual(recorded[i].data);
          expect(event.schemaVersion).toBe(events[i].metadata.schemaVersion);
        });
        // The whole metadata on access (an upcaster's actor and recordedAt), for any of them.
        for (const i of [0, 1, 1204]) expect(folded[i].metadata).toEqual(recorded[i].metadata);
      });

      it('reads from a revision (inclusive), and nothing past the end', async () => {
        const stream = await streamWith(store, 5);
        const pages = await collect(store.readStreamForFold(stream, { fromRevision: 2 }));
        expect(pages.flat().map((e) => [e.revision, e.type])).toEqual([
          [2, 'E2'],
          [3, 'E3'],
          [4, 'E4'],
        ]);
        expect(await collect(store.readStreamForFold(stream, { fromRevision: 7 }))).toEqual([]);
      });

      it('throws StreamNotFound for an unknown stream', async () => {
        const stream = newStreamId();
        await expect(collect(store.readStreamForFold(stream))).rejects.toBeInstanceOf(
          StreamNotFound,
        );
      });
    });

    describe('readAll', () => {
      it('goes forward in commit order across streams from an exclusive position', async () => {
        const head = await store.headPosition();
        const a = newStreamId();
        const b = newStreamId();
        const written: string[] = [];
        for (const [stream, expectedRevision] of [
          [a, 'no_stream'],
          [b, 'no_stream'],
          [a, 0],
          [b, 0],
          [a, 1],
        ] as const) {
          const event = newEvent('Interleaved');
          await store.append(stream, [event], { expectedRevision });
          written.push(event.eventId);
        }
        const mine = (await readAllAfter(store, head)).filter((e) => [a, b].includes(e.streamId));
        expect(mine.map((e) => e.eventId)).toEqual(written);
        expectIncreasingPositions(mine);
        if (head !== undefined) {
          for (const event of mine) expect(BigInt(event.position) > BigInt(head)).toBe(true);
        }
      });

      it('starts strictly after fromPosition', async () => {
        const stream = newStreamId();
        const events = [newEvent('A'), newEvent('B'), newEvent('C')];
        await store.append(stream, events, { expectedRevision: 'no_stream' });
        const stored = await readStream(store, stream);
        const after = (await readAllAfter(store, stored[0].position)).filter(
          (e) => e.streamId === stream,
        );
        expect(after.map((e) => e.eventId)).toEqual([events[1].eventId, events[2].eventId]);
      });

      it('stops after maxCount', async () => {
        const head = await store.headPosition();
        const stream = newStreamId();
        await store.append(stream, [newEvent('A'), newEvent('B'), newEvent('C')], {
          expectedRevision: 'no_stream',
        });
        const read = await collect(store.readAll({ fromPosition: head, maxCount: 2 }));
        // The log is append-only, so a full read taken afterwards starts with the same two.
        const full = await readAllAfter(store, head);
        expect(read).toHaveLength(2);
        expect(read).toEqual(full.slice(0, 2));
        expectIncreasingPositions(read);
      });

      it('readAllPages reads the events readAll reads, in order, in non-empty pages', async () => {
        const head = await store.headPosition();
        const stream = newStreamId();
        // More than one page of every adapter's default (1,000 events).
        const events = Array.from({ length: 1205 }, (_, i) => newEvent(`E${i % 3}`, { n: i }));
        await store.append(stream, events, { expectedRevision: 'no_stream' });
        const pages = await collect(store.readAllPages({ fromPosition: head }));
        expect(pages.length).toBeGreaterThan(1);
        expect(pages.every((page) => page.length > 0)).toBe(true);
        const paged = pages.flat();
        expectIncreasingPositions(paged);
        const mine = paged.filter((e) => e.streamId === stream);
        expect(mine.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        const read = (await readAllAfter(store, head)).filter((e) => e.streamId === stream);
        expect(mine).toEqual(read);
      });

      it('readAllPages starts strictly after fromPosition and stops after maxCount', async () => {
        const stream = newStreamId();
        const events = [newEvent('A'), newEvent('B'), newEvent('C'), newEvent('D')];
        await store.append(stream, events, { expectedRevision: 'no_stream' });
        const stored = await readStream(store, stream);
        const from = stored[0].position;
        const pages = await collect(store.readAllPages({ fromPosition: from, maxCount: 2 }));
        expect(pages.flat()).toEqual(
          (await collect(store.readAll({ fromPosition: from }))).slice(0, 2),
        );
        const after = (await collect(store.readAllPages({ fromPosition: from })))
          .flat()
          .filter((e) => e.streamId === stream);
        expect(after.map((e) => e.eventId)).toEqual(events.slice(1).map((e) => e.eventId));
      });

      it('readAllPages cuts pages of the size asked, and refuses one that is not a positive integer', async () => {
        const stream = newStreamId();
        const events = Array.from({ length: 7 }, (_, i) => newEvent('P', { n: i }));
        await store.append(stream, events, { expectedRevision: 'no_stream' });
        const from = (await readStream(store, stream))[0].position;
        const pages = await collect(store.readAllPages({ fromPosition: from, pageSize: 2 }));
        const mine = pages.flat().filter((e) => e.streamId === stream);
        expect(mine.map((e) => e.eventId)).toEqual(events.slice(1).map((e) => e.eventId));
        expect(pages.every((page) => page.length > 0 && page.length <= 2)).toBe(true);
        expect(pages.slice(0, 3).map((page) => page.length)).toEqual([2, 2, 2]);
        for (const pageSize of [0, -1, 1.5]) {
          await expect(
            collect(store.readAllPages({ fromPosition: from, pageSize })),
          ).rejects.toThrow(RangeError);
        }
      });

      it('headPosition is the position of the last appended event', async () => {
        const stream = newStreamId();
        const result = await store.append(stream, [newEvent('A'), newEvent('B')], {
          expectedRevision: 'no_stream',
        });
        const head = await store.headPosition();
        expect(head).toBeDefined();
        // A shared server may have moved on; the head is never behind our own write.
        expect(BigInt(head as string) >= BigInt(result.position)).toBe(true);
      });
    });

    describe('subscribeToAll', () => {
      it('from mid-log delivers every later event once, in order, through catch-up into live', async () => {
        const stream = newStreamId();
        const other = newStreamId();
        const initial = [newEvent('A0'), newEvent('A1'), newEvent('A2'), newEvent('A3')];
        await store.append(stream, initial, { expectedRevision: 'no_stream' });
        const stored = await readStream(store, stream);
        const subscription = store.subscribeToAll({ fromPosition: stored[1].position });
        const expected = [initial[2].eventId, initial[3].eventId];
        const received: string[] = [];
        const sentinel = newEvent('Sentinel');
        let phase: 'catching-up' | 'live' | 'sentinel' = 'catching-up';
        for await (const event of subscription) {
          if (event.streamId === stream) received.push(event.eventId);
          if (event.eventId === sentinel.eventId) break;
          if (phase === 'catching-up' && received.length >= 1) {
            // Appended while the subscription is still working through the catch-up.
            const during = [newEvent('During1'), newEvent('During2')];
            await store.append(stream, during, { expectedRevision: 3 });
            expected.push(...during.map((e) => e.eventId));
            phase = 'live';
          } else if (phase === 'live' && received.length >= expected.length) {
            // Caught up: what follows can only arrive live.
            const live = newEvent('Live');
            await store.append(stream, [live], { expectedRevision: 5 });
            expected.push(live.eventId);
            phase = 'sentinel';
          } else if (phase === 'sentinel' && received.length >= expected.length) {
            await store.append(other, [sentinel], { expectedRevision: 'no_stream' });
          }
        }
        await subscription.close();
        expect(received).toEqual(expected);
      });

      it('from the head delivers only live events, in order', async () => {
        const head = await store.headPosition();
        const stream = newStreamId();
        const subscription = store.subscribeToAll({ fromPosition: head });
        const events = [newEvent('L0'), newEvent('L1'), newEvent('L2')];
        const received = takeOwn(subscription, [stream], events.length);
        await store.append(stream, [events[0]], { expectedRevision: 'no_stream' });
        await store.append(stream, [events[1], events[2]], { expectedRevision: 0 });
        expect((await received).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        await subscription.close();
      });

      it('close() ends a pending next() and every later one', async () => {
        const subscription = store.subscribeToAll({ fromPosition: await store.headPosition() });
        const iterator = subscription[Symbol.asyncIterator]();
        // On a shared server other writers may deliver events first; drain until a next() waits.
        let pending = iterator.next();
        for (;;) {
          const settled = await Promise.race([pending.then(() => true), delay(100, false)]);
          if (!settled) break;
          pending = iterator.next();
        }
        await subscription.close();
        const ended = await Promise.race([pending, delay(5_000, 'still pending' as const)]);
        expect(ended).not.toBe('still pending');
        expect(await iterator.next()).toEqual({ done: true, value: undefined });
        await subscription.close(); // twice is safe
      });
    });

    describe('integrity chain and recordedAt', () => {
      it('links each event to its predecessor by hash, starting from GENESIS_HASH', async () => {
        const stream = newStreamId();
        await store.append(stream, [newEvent('A'), newEvent('B')], {
          expectedRevision: 'no_stream',
        });
        await store.append(stream, [newEvent('C')], { expectedRevision: 1 });
        const stored = await readStream(store, stream);
        expect(stored[0].previousHash).toBe(GENESIS_HASH);
        stored.forEach((event, i) => {
          if (i > 0) expect(event.previousHash).toBe(stored[i - 1].hash);
          expect(event.hash).toBe(
            computeEventHash({
              streamId: event.streamId,
              revision: event.revision,
              eventId: event.eventId,
              type: event.type,
              data: event.data,
              metadata: event.metadata,
              previousHash: event.previousHash,
            }),
          );
        });
      });

      it('sets recordedAt (ISO UTC) when the writer leaves it out and keeps it when given', async () => {
        const stream = newStreamId();
        const given = '2026-01-02T03:04:05.678Z';
        const before = Date.now();
        await store.append(
          stream,
          [
            newEvent('Stamped'),
            { ...newEvent('Given'), metadata: { actor: 't', recordedAt: given } },
          ],
          { expectedRevision: 'no_stream' },
        );
        const after = Date.now();
        const [stamped, kept] = await readStream(store, stream);
        expect(stamped.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        expect(stamped.metadata.recordedAt).toBe(stamped.recordedAt);
        const stampedAt = Date.parse(stamped.recordedAt);
        expect(stampedAt).toBeGreaterThanOrEqual(before - 1_000);
        expect(stampedAt).toBeLessThanOrEqual(after + 1_000);
        expect(kept.recordedAt).toBe(given);
      });
    });

    describe('durability across a reopen', () => {
      it('closing and reopening keeps every event, position, hash and stream head', async () => {
        const head = await store.headPosition();
        const a = newStreamId();
        const b = newStreamId();
        await store.append(a, [newEvent('A0'), newEvent('A1')], { expectedRevision: 'no_stream' });
        await store.append(b, [newEvent('B0')], { expectedRevision: 'no_stream' });
        const beforeA = await readStream(store, a);
        const beforeB = await readStream(store, b);
        const beforeAll = (await readAllAfter(store, head)).filter((e) =>
          [a, b].includes(e.streamId),
        );

        store = await harness.reopen(store);

        expect(await readStream(store, a)).toEqual(beforeA);
        expect(await readStream(store, b)).toEqual(beforeB);
        const afterAll = (await readAllAfter(store, head)).filter((e) =>
          [a, b].includes(e.streamId),
        );
        expect(afterAll).toEqual(beforeAll);
        // The stream head survived too: the revision check and the chain go on from it.
        expectConflict(await appendError(store, a, [newEvent('Stale')], 0), a, 0, 1);
        await store.append(a, [newEvent('A2')], { expectedRevision: 1 });
        const [, , a2] = await readStream(store, a);
        expect(a2.previousHash).toBe(beforeA[1].hash);
      });

      it('an acknowledged append is readable after a reopen even when not awaited in between', async () => {
        const stream = newStreamId();
        const pending = [0, 1, 2].map((i) =>
          store.append(stream, [newEvent(`P${i}`)], { expectedRevision: 'any' }),
        );
        const results = await Promise.all(pending);
        store = await harness.reopen(store);
        const stored = await readStream(store, stream);
        expect(new Set(stored.map((e) => e.position))).toEqual(
          new Set(results.map((r) => r.position)),
        );
      });
    });

    describe('findEvent', () => {
      it('finds an event of a stream by its id, and nothing for another id or stream', async () => {
        const stream = newStreamId();
        const events = [newEvent('A'), newEvent('B'), newEvent('C')];
        await store.append(stream, events, { expectedRevision: 'no_stream' });
        const stored = await readStream(store, stream);
        expect(await store.findEvent(stream, events[1].eventId)).toEqual(stored[1]);
        expect(await store.findEvent(stream, randomUUID())).toBeUndefined();
        expect(await store.findEvent(newStreamId(), events[1].eventId)).toBeUndefined();
      });
    });

    describe('snapshots beside the events', () => {
      const snapshot = (revision: number, state: string) => ({
        shape: 'contract/1',
        revision,
        position: String(revision + 1),
        state: { state, list: [1, 2, 3] },
      });

      it('keeps the latest snapshot of a stream across a reopen, never an older one over it', async () => {
        const stream = await streamWith(store, 3);
        expect(await store.readSnapshot(stream)).toBeUndefined();
        await store.writeSnapshot(stream, snapshot(1, 'one'));
        expect(await store.readSnapshot(stream)).toEqual(snapshot(1, 'one'));
        await store.writeSnapshot(stream, snapshot(2, 'two'));
        await store.writeSnapshot(stream, snapshot(0, 'zero'));
        store = await harness.reopen(store);
        expect(await store.readSnapshot(stream)).toEqual(snapshot(2, 'two'));
      });

      it('keeps a large state whole: long strings, nested, ASCII or not', async () => {
        const stream = await streamWith(store, 2);
        const long = (seed: string) => seed.repeat(Math.ceil(20_000 / seed.length));
        const state = {
          packed: { ids: long('0123456789abcdef-'), times: long('2026-11-30T12:00:00.000Z') },
          series: [{ label: long('é'), n: 1 }, long('Ω\n"'), 'short', null, true],
        };
        await store.writeSnapshot(stream, {
          shape: 'contract/1',
          revision: 1,
          position: '2',
          state,
        });
        store = await harness.reopen(store);
        expect(await store.readSnapshot(stream)).toEqual({
          shape: 'contract/1',
          revision: 1,
          position: '2',
          state,
        });
      });

      it('deletes them without touching the events, and keeps them out of the log', async () => {
        const head = await store.headPosition();
        const stream = await streamWith(store, 2);
        await store.writeSnapshot(stream, snapshot(1, 'one'));
        const events = await readStream(store, stream);
        await store.deleteSnapshots(stream);
        expect(await store.readSnapshot(stream)).toBeUndefined();
        expect(await readStream(store, stream)).toEqual(events);
        const logged = await readAllAfter(store, head);
        expect(logged.filter((e) => e.streamId.includes(stream))).toEqual(events);
      });
    });

    it('reports itself reachable', async () => {
      const health = await store.health();
      expect(health.reachable).toBe(true);
      expect(['sqlite', 'eventstoredb', 'postgres']).toContain(health.kind);
    });
  });
}

function newStreamId(category = 'contractcase'): string {
  return `${category}-${randomUUID()}`;
}

function newEvent(type: string, data: NewEvent['data'] = { type }): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { actor: 'contract:test' } };
}

/** A fresh stream holding `count` events typed E0, E1, … */
async function streamWith(store: EventStore, count: number): Promise<string> {
  const stream = newStreamId();
  const events = Array.from({ length: count }, (_, i) => newEvent(`E${i}`));
  await store.append(stream, events, { expectedRevision: 'no_stream' });
  return stream;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function readStream(
  store: EventStore,
  stream: string,
  options?: Parameters<EventStore['readStream']>[1],
): Promise<RecordedEvent[]> {
  return collect(store.readStream(stream, options));
}

async function readStreamTypes(store: EventStore, stream: string): Promise<string[]> {
  return (await readStream(store, stream)).map((e) => e.type);
}

function readAllAfter(store: EventStore, position: string | undefined): Promise<RecordedEvent[]> {
  return collect(store.readAll({ fromPosition: position }));
}

async function appendError(
  store: EventStore,
  stream: string,
  events: NewEvent[],
  expectedRevision: Parameters<EventStore['append']>[2]['expectedRevision'],
): Promise<unknown> {
  return store.append(stream, events, { expectedRevision }).then(
    (result) => {
      throw new Error(`expected the append to fail, it stored ${JSON.stringify(result)}`);
    },
    (error: unknown) => error,
  );
}

function expectConflict(
  error: unknown,
  stream: string,
  expected: RevisionConflict['expected'],
  actual: RevisionConflict['actual'],
): void {
  expect(error).toBeInstanceOf(RevisionConflict);
  const conflict = error as RevisionConflict;
  expect({
    streamId: conflict.streamId,
    expected: conflict.expected,
    actual: conflict.actual,
  }).toEqual({ streamId: stream, expected, actual });
}

function expectIncreasingPositions(events: RecordedEvent[]): void {
  for (let i = 1; i < events.length; i += 1) {
    expect(BigInt(events[i].position) > BigInt(events[i - 1].position)).toBe(true);
  }
}

/** The next `count` events of `streams` from a subscription (others are skipped). */
async function takeOwn(
  subscription: AsyncIterable<RecordedEvent>,
  streams: string[],
  count: number,
): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  if (count === 0) return taken;
  for await (const event of subscription) {
    if (streams.includes(event.streamId)) taken.push(event);
    if (taken.length === count) break;
  }
  return taken;
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}
