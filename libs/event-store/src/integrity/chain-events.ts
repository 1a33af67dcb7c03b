import type { NewEvent } from '../new-event';
import { GENESIS_HASH, computeEventHash } from './event-hash';

/** The last event of a stream as the next append needs it. */
export interface StreamTail {
  revision: number;
  hash: string;
}

/** A new event with its place in the stream and its link in the hash chain. */
export type Chained<E extends NewEvent> = E & {
  revision: number;
  previousHash: string;
  hash: string;
};

/**
 * Hashes a batch onto the stream's tail (or onto the genesis hash for a new stream): the one
 * chain step both adapters use. The result is only valid if it is stored with the tail's exact
 * revision as the expectation, checked in the same atomic step: that is what stops two
 * writers from chaining onto the same predecessor.
 */
export function chainEvents<E extends NewEvent>(
  streamId: string,
  tail: StreamTail | undefined,
  events: readonly E[],
): Chained<E>[] {
  let revision = tail ? tail.revision : -1;
  let previousHash = tail ? tail.hash : GENESIS_HASH;
  return events.map((event) => {
    revision += 1;
    const hash = computeEventHash({
      streamId,
      revision,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      previousHash,
    });
    const chained = { ...event, revision, previousHash, hash };
    previousHash = hash;
    return chained;
  });
}
