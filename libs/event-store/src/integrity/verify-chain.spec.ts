import { computeEventHash, GENESIS_HASH } from './event-hash';
import { ChainedEvent, ChainVerifier, verifyChain } from './verify-chain';

/** A correctly chained stream of `count` events, hashed with the real hash function. */
function chain(streamId: string, count: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let previousHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision += 1) {
    const content = {
      streamId,
      revision,
      eventId: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
      type: 'OutputDelivered',
      data: { description: `output ${revision}`, weight: revision * 1.5 },
      metadata: {
        actor: 'test:service',
        recordedAt: new Date(Date.UTC(2026, 0, 1, 0, revision)).toISOString(),
      },
      previousHash,
    };
    const hash = computeEventHash(content);
    events.push({ ...content, hash });
    previousHash = hash;
  }
  return events;
}

/** Re-hashes an edited event as a careful forger would: its own hash matches its content. */
function rehash(event: ChainedEvent): ChainedEvent {
  return { ...event, hash: computeEventHash(event) };
}

const A = 'relationship-aaaaaaaa-0000-4000-8000-000000000000';
const B = 'offering-bbbbbbbb-0000-4000-8000-000000000000';

/** Interleaves streams the way a log would: round robin. */
function interleave(...streams: ChainedEvent[][]): ChainedEvent[] {
  const out: ChainedEvent[] = [];
  const longest = Math.max(...streams.map((s) => s.length));
  for (let i = 0; i < longest; i += 1) {
    for (const stream of streams) if (i < stream.length) out.push(stream[i]);
  }
  return out;
}

const failuresOf = async (events: ChainedEvent[]) =>
  (await verifyChain(events)).failures.map(({ streamId, revision, reason }) => ({
    streamId,
    revision,
    reason,
  }));

describe('verifyChain', () => {
  it('says valid for untouched, interleaved streams and counts every event', async () => {
    const report = await verifyChain(interleave(chain(A, 5), chain(B, 3)));
    expect(report).toEqual({
      valid: true,
      eventsChecked: 8,
      streamsChecked: 2,
      failures: [],
      failuresTruncated: false,
    });
  });

  it('accepts an async source', async () => {
    async function* source() {
      yield* chain(A, 3);
    }
    await expect(verifyChain(source())).resolves.toMatchObject({ valid: true, eventsChecked: 3 });
  });

  it('reports hash-mismatch at the edited event only (its stored hash still links on)', async () => {
    const events = chain(A, 5);
    events[2] = { ...events[2], data: { description: 'output 2!', weight: 3 } };
    expect(await failuresOf(interleave(events, chain(B, 3)))).toEqual([
      { streamId: A, revision: 2, reason: 'hash-mismatch' },
    ]);
  });

  it('reports hash-mismatch for edited metadata (recordedAt is covered)', async () => {
    const events = chain(A, 3);
    events[1] = {
      ...events[1],
      metadata: { ...events[1].metadata, recordedAt: '2020-01-01T00:00:00.000Z' },
    };
    expect(await failuresOf(events)).toEqual([
      { streamId: A, revision: 1, reason: 'hash-mismatch' },
    ]);
  });

  it('reports broken-link at the successor of an event whose hash was rewritten to match', async () => {
    const events = chain(A, 5);
    events[2] = rehash({ ...events[2], data: { description: 'forged', weight: 3 } });
    expect(await failuresOf(events)).toEqual([{ streamId: A, revision: 3, reason: 'broken-link' }]);
  });

  it('reports broken-link when revision 0 does not start from the genesis hash', async () => {
    const events = chain(A, 2);
    events[0] = rehash({ ...events[0], previousHash: 'f'.repeat(64) });
    expect(await failuresOf(events)).toEqual([
      { streamId: A, revision: 0, reason: 'broken-link' },
      { streamId: A, revision: 1, reason: 'broken-link' },
    ]);
  });

  it('reports missing-revision at the first missing revision when events were removed', async () => {
    const events = chain(A, 6);
    const withGap = [...events.slice(0, 2), ...events.slice(4)];
    const report = await verifyChain(interleave(withGap, chain(B, 2)));
    expect(report.failures).toEqual([
      {
        streamId: A,
        revision: 2,
        reason: 'missing-revision',
        detail: 'revisions 2 to 3 are missing',
      },
    ]);
  });

  it('reports missing-revision when a stream does not start at revision 0', async () => {
    expect(await failuresOf(chain(A, 3).slice(1))).toEqual([
      { streamId: A, revision: 0, reason: 'missing-revision' },
    ]);
  });

  it('reports reordered for a duplicate revision and keeps checking the chain after it', async () => {
    const events = chain(A, 4);
    const withDuplicate = [...events.slice(0, 3), events[1], events[3]];
    expect(await failuresOf(withDuplicate)).toEqual([
      { streamId: A, revision: 1, reason: 'reordered' },
    ]);
  });

  it('reports an event moved back in the log at both places it disturbs', async () => {
    const events = chain(A, 4);
    const swapped = [events[0], events[2], events[1], events[3]];
    expect(await failuresOf(swapped)).toEqual([
      { streamId: A, revision: 1, reason: 'missing-revision' },
      { streamId: A, revision: 1, reason: 'reordered' },
    ]);
  });

  it('reports both events when two events swap their contents but keep their revisions', async () => {
    const events = chain(A, 4);
    const { revision: r1, ...content1 } = events[1];
    const { revision: r2, ...content2 } = events[2];
    const swapped = [
      events[0],
      { ...content2, revision: r1 },
      { ...content1, revision: r2 },
      events[3],
    ];
    expect(await failuresOf(swapped)).toEqual([
      { streamId: A, revision: 1, reason: 'hash-mismatch' },
      { streamId: A, revision: 1, reason: 'broken-link' },
      { streamId: A, revision: 2, reason: 'hash-mismatch' },
      { streamId: A, revision: 2, reason: 'broken-link' },
      { streamId: A, revision: 3, reason: 'broken-link' },
    ]);
  });

  it('reports content that cannot be encoded as a hash mismatch instead of throwing', async () => {
    const events = chain(A, 1);
    events[0] = { ...events[0], data: { n: Number.NaN } };
    expect(await failuresOf(events)).toEqual([
      { streamId: A, revision: 0, reason: 'hash-mismatch' },
    ]);
  });

  it('caps the failures it keeps but still says invalid', async () => {
    const events = chain(A, 5).map((e) => ({ ...e, hash: 'x' }));
    const report = await verifyChain(events, { maxFailures: 2 });
    expect(report.valid).toBe(false);
    expect(report.failures).toHaveLength(2);
    expect(report.failuresTruncated).toBe(true);
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await verifyChain(chain(A, 5), { progressEvery: 2, onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([2, 4]);
  });
});

describe('ChainVerifier', () => {
  it('keeps one head per stream, not one per event', () => {
    const verifier = new ChainVerifier();
    for (const event of interleave(chain(A, 50), chain(B, 50))) {
      expect(verifier.check(event)).toEqual([]);
    }
    expect(verifier.eventsChecked).toBe(100);
    expect(verifier.streamsChecked).toBe(2);
    expect((verifier as unknown as { heads: Map<string, unknown> }).heads.size).toBe(2);
  });
});
