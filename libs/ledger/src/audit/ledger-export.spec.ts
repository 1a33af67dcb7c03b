import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EventStore, GENESIS_HASH, ReadAllOptions, RecordedEvent } from '@app/event-store';
import { LedgerExport } from './ledger-export';

/**
 * A log of `size` events that exist only while read: each page is made on demand, so the test
 * sees exactly how far ahead of the consumer the export reads.
 */
function syntheticLog(size: number) {
  const reads: { after: number; maxCount: number }[] = [];
  const event = (position: number): RecordedEvent => ({
    streamId: `relationship-${position % 7}`,
    revision: Math.floor((position - 1) / 7),
    position: String(position),
    eventId: `event-${position}`,
    type: 'OutputDelivered',
    data: { description: `output ${position}`, padding: 'x'.repeat(200) },
    metadata: { recordedAt: '2026-01-01T00:00:00.000Z' },
    recordedAt: '2026-01-01T00:00:00.000Z',
    previousHash: GENESIS_HASH,
    hash: GENESIS_HASH,
  });
  const store = {
    async *readAll(options: ReadAllOptions = {}) {
      const after = Number(options.fromPosition ?? '0');
      const maxCount = options.maxCount ?? size;
      reads.push({ after, maxCount });
      for (let p = after + 1; p <= Math.min(size, after + maxCount); p += 1) yield event(p);
    },
  } as unknown as EventStore;
  return { store, reads };
}

async function readAllOf(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** A writable that takes one chunk per tick, like a slow client. */
function slowSink(onChunk: (chunk: Buffer) => void): Writable {
  return new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      onChunk(chunk);
      setImmediate(callback);
    },
  });
}

describe('LedgerExport.ndjson', () => {
  it('writes every event after fromPosition once, in order, one JSON object per line', async () => {
    const { store } = syntheticLog(2500);
    let text = '';
    for await (const chunk of new LedgerExport(store).ndjson({ fromPosition: '10' })) text += chunk;
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2490);
    const first = JSON.parse(lines[0]);
    expect(first.position).toBe('11');
    expect(Object.keys(first)).toEqual([
      'streamId',
      'revision',
      'position',
      'eventId',
      'type',
      'data',
      'metadata',
      'previousHash',
      'hash',
    ]);
    expect(JSON.parse(lines[2489]).position).toBe('2500');
  });

  it('escapes DEL, C1 controls and line separators, which parse back to the same text', async () => {
    const description = 'a\u0085b\u009b[31mc\u2028d\u2029e\u007ff\u00a0g\u0080';
    const { store } = syntheticLog(1);
    const event = (await readAllOf(store))[0];
    const hostile = { ...event, data: { description } } as RecordedEvent;
    const oneEvent = {
      async *readAll(options: ReadAllOptions = {}) {
        if (options.fromPosition === undefined) yield hostile;
      },
    } as unknown as EventStore;
    let text = '';
    for await (const chunk of new LedgerExport(oneEvent).ndjson()) text += chunk;
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
    expect(text).toContain('a\\u0085b\\u009b[31mc\\u2028d\\u2029e\\u007ff\u00a0g\\u0080');
    expect(text.split('\n')).toEqual([expect.any(String), '']);
    expect(JSON.parse(text).data.description).toBe(description);
  });

  it('reads a page only when the consumer has taken the previous one (backpressure)', async () => {
    const size = 20_000;
    const { store, reads } = syntheticLog(size);
    let taken = 0;
    let maxPagesAhead = 0;
    const body = Readable.from(new LedgerExport(store).ndjson(), { objectMode: false });
    await pipeline(
      body,
      slowSink((chunk) => {
        // Events the consumer has taken so far, against events the export has asked the store for.
        for (const byte of chunk) if (byte === 0x0a) taken += 1;
        const asked = reads.reduce((n, r) => n + r.maxCount, 0);
        maxPagesAhead = Math.max(maxPagesAhead, (asked - taken) / 1000);
      }),
    );
    expect(reads.length).toBe(size / 1000 + 1);
    expect(reads.every((r) => r.maxCount === 1000)).toBe(true);
    // Never more than a couple of pages in flight, however long the log.
    expect(maxPagesAhead).toBeLessThan(3);
    // 20,000 events through a sink that takes a chunk per tick: seconds on a loaded machine.
  }, 60_000);

  // Deterministic: live heap is read after a full collection (garbage not yet collected made
  // the old peak-of-heapUsed reading vary with load), and the test has its own timeout.
  it('keeps memory flat while exporting a long log to a slow consumer', async () => {
    const size = 100_000; // ~33 MB of NDJSON
    const { store } = syntheticLog(size);
    // Chunks are Buffers, which live outside the V8 heap: count both.
    const liveHeap = (): number => {
      collectGarbage();
      const { heapUsed, arrayBuffers } = process.memoryUsage();
      return heapUsed + arrayBuffers;
    };
    const before = liveHeap();
    let peak = before;
    let bytes = 0;
    let nextCheck = 0;
    await pipeline(
      Readable.from(new LedgerExport(store).ndjson(), { objectMode: false }),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          if (bytes >= nextCheck) {
            peak = Math.max(peak, liveHeap());
            nextCheck += 4 * 1024 * 1024;
          }
          setImmediate(callback);
        },
      }),
    );
    expect(bytes).toBeGreaterThan(30 * 1024 * 1024);
    // Holding the export would need over 30 MB live; a streaming one holds about a page.
    expect(peak - before).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});
