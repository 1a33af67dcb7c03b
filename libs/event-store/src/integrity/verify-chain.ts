import { RecordedEvent } from '../recorded-event';
import { computeEventHash, GENESIS_HASH } from './event-hash';

/** What an event must carry to be checked: everything its hash covers, plus the stored hash. */
export type ChainedEvent = Pick<
  RecordedEvent,
  'streamId' | 'revision' | 'eventId' | 'type' | 'data' | 'metadata' | 'previousHash' | 'hash'
>;

/**
 * Why a place in a chain is broken:
 * - `hash-mismatch`: the stored hash is not the hash of the event's content (content edited);
 * - `broken-link`: `previousHash` is not the stored hash of the predecessor (the predecessor's
 *   hash was rewritten, or this link was);
 * - `missing-revision`: revisions were skipped (an event removed); reported at the first missing one;
 * - `reordered`: a revision lower than the next expected one (moved back, or a duplicate).
 */
export const CHAIN_FAILURE_REASONS = [
  'hash-mismatch',
  'broken-link',
  'missing-revision',
  'reordered',
] as const;
export type ChainFailureReason = (typeof CHAIN_FAILURE_REASONS)[number];

export interface ChainFailure {
  streamId: string;
  revision: number;
  reason: ChainFailureReason;
  /** For people: what was expected and what was found. */
  detail: string;
}

/** Where a stream's chain stands: the last revision accepted in order and its stored hash. */
interface ChainHead {
  revision: number;
  hash: string;
}

/**
 * Streaming verifier of the per-stream hash chains. Feed it events one at a time, in stream
 * order for one stream or in log order for the whole log (streams interleave freely). It keeps
 * one head per stream and nothing per event, so memory grows with streams, never with events.
 *
 * Links are checked against the predecessor's STORED hash, not a recomputed one: an edited
 * event whose hash was left alone is then reported once (hash-mismatch at that revision), and
 * an edited event whose hash was rewritten to match is given away by its successor's link.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, ChainHead>();
  private checked = 0;

  /** Number of events fed so far. */
  get eventsChecked(): number {
    return this.checked;
  }

  /** Number of distinct streams seen so far. */
  get streamsChecked(): number {
    return this.heads.size;
  }

  /** Checks one event and returns the failures it reveals (usually none). */
  check(event: ChainedEvent): ChainFailure[] {
    this.checked += 1;
    const failures: ChainFailure[] = [];
    const fail = (revision: number, reason: ChainFailureReason, detail: string): void => {
      failures.push({ streamId: event.streamId, revision, reason, detail });
    };

    const recomputed = safeHash(event);
    if (recomputed !== event.hash) {
      fail(
        event.revision,
        'hash-mismatch',
        recomputed === undefined
          ? 'the content cannot be encoded canonically'
          : `stored hash ${event.hash} but the content hashes to ${recomputed}`,
      );
    }

    const head = this.heads.get(event.streamId);
    const expected = head === undefined ? 0 : head.revision + 1;
    if (!Number.isSafeInteger(event.revision) || event.revision < expected) {
      // Keep the head where it is: the chain continues from the highest revision seen in order.
      fail(
        event.revision,
        'reordered',
        `revision ${event.revision} arrived where revision ${expected} was expected`,
      );
      return failures;
    }
    if (event.revision > expected) {
      // The predecessor is gone, so this event's link cannot be checked; the chain resumes here.
      const last = event.revision - 1;
      fail(
        expected,
        'missing-revision',
        last === expected
          ? `revision ${expected} is missing`
          : `revisions ${expected} to ${last} are missing`,
      );
    } else {
      const predecessorHash = head === undefined ? GENESIS_HASH : head.hash;
      if (event.previousHash !== predecessorHash) {
        fail(
          event.revision,
          'broken-link',
          head === undefined
            ? `previousHash ${event.previousHash} of revision 0 is not the genesis hash`
            : `previousHash ${event.previousHash} is not the stored hash ${predecessorHash} of revision ${head.revision}`,
        );
      }
    }
    this.heads.set(event.streamId, { revision: event.revision, hash: event.hash });
    return failures;
  }
}

export interface ChainReport {
  valid: boolean;
  eventsChecked: number;
  streamsChecked: number;
  failures: ChainFailure[];
  /** True when more failures were found than `maxFailures` and the rest were left out. */
  failuresTruncated: boolean;
}

export interface VerifyChainOptions {
  /** Keep at most this many failures in the report (default 1000); `valid` still counts all. */
  maxFailures?: number;
  /** Called every `progressEvery` events (default 10 000) with the count so far. */
  onProgress?: (eventsChecked: number) => void;
  progressEvery?: number;
}

/** Verifies every chain in a sequence of events; see {@link ChainVerifier} for the order rules. */
export async function verifyChain(
  events: AsyncIterable<ChainedEvent> | Iterable<ChainedEvent>,
  options: VerifyChainOptions = {},
): Promise<ChainReport> {
  const maxFailures = options.maxFailures ?? 1000;
  const progressEvery = options.progressEvery ?? 10_000;
  const verifier = new ChainVerifier();
  const failures: ChainFailure[] = [];
  let failureCount = 0;
  for await (const event of events) {
    for (const failure of verifier.check(event)) {
      failureCount += 1;
      if (failures.length < maxFailures) failures.push(failure);
    }
    if (options.onProgress && verifier.eventsChecked % progressEvery === 0) {
      options.onProgress(verifier.eventsChecked);
    }
  }
  return {
    valid: failureCount === 0,
    eventsChecked: verifier.eventsChecked,
    streamsChecked: verifier.streamsChecked,
    failures,
    failuresTruncated: failureCount > failures.length,
  };
}

function safeHash(event: ChainedEvent): string | undefined {
  try {
    return computeEventHash(event);
  } catch {
    return undefined;
  }
}
