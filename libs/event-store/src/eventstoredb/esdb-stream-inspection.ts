import { BACKWARDS, END, type EventStoreDBClient, type Position } from '@eventstore/db-client';
import type { AppendResult } from '../append-result';
import { StreamTail } from '../integrity/chain-events';
import { unpackMetadata } from './esdb-metadata';
import { encodeEsdbPosition } from './esdb-position';
import { drainRead, isMissingStreamError } from './esdb-read';

export interface StreamInspection {
  /** The stream's last event; undefined when the stream does not exist. */
  tail: StreamTail | undefined;
  /** The answer of an earlier append of exactly these event ids, if they already stand. */
  original: AppendResult | undefined;
}

interface Seen {
  revision: number;
  position: Position | undefined;
}

/**
 * What an append must know before it writes, in one backwards read: the tail (its revision and
 * hash, to chain onto) and whether the batch's ids already stand at consecutive revisions.
 *
 * EventStoreDB has no index by event id, so finding an earlier copy of the batch means walking
 * back from the end until its first id turns up: a retry soon after the original costs a few
 * events, a new batch costs the whole stream. The ledger's streams are per aggregate and short;
 * the command handler reads the whole stream anyway.
 */
export async function inspectStream(
  client: EventStoreDBClient,
  streamId: string,
  eventIds: readonly string[],
): Promise<StreamInspection> {
  const wanted = new Set(eventIds);
  const seen = new Map<string, Seen>();
  let tail: StreamTail | undefined;
  try {
    const read = client.readStream(streamId, { direction: BACKWARDS, fromRevision: END });
    for await (const resolved of drainRead(read)) {
      const event = resolved.event;
      if (event === undefined) continue;
      const revision = Number(event.revision);
      if (tail === undefined) {
        const where = `stream ${streamId} revision ${revision}`;
        tail = { revision, hash: unpackMetadata(event.metadata, where).hash };
      }
      if (wanted.has(event.id) && !seen.has(event.id)) {
        seen.set(event.id, { revision, position: event.position });
        if (event.id === eventIds[0]) break;
      }
    }
  } catch (error) {
    if (!isMissingStreamError(error)) throw error;
  }
  return { tail, original: originalAppend(streamId, eventIds, seen) };
}

function originalAppend(
  streamId: string,
  eventIds: readonly string[],
  seen: ReadonlyMap<string, Seen>,
): AppendResult | undefined {
  const first = seen.get(eventIds[0]);
  if (first === undefined) return undefined;
  let last = first;
  for (let i = 1; i < eventIds.length; i += 1) {
    const next = seen.get(eventIds[i]);
    if (next === undefined || next.revision !== first.revision + i) return undefined;
    last = next;
  }
  if (last.position === undefined) {
    throw new Error(
      `stream ${streamId} revision ${last.revision} came without its $all position: EventStoreDB 22.6 or later is needed`,
    );
  }
  return { revision: last.revision, position: encodeEsdbPosition(last.position) };
}
