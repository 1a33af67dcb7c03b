import { BACKWARDS, END, type EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { JsonObject, JsonValue } from '../json';
import type { StreamSnapshot } from '../stream-snapshot';
import { drainRead, isMissingStreamError } from './esdb-read';

/**
 * Snapshots on EventStoreDB: one stream per aggregate stream, `snapshot:<streamId>`, holding
 * its latest snapshot as a plain JSON event (no hash chain: snapshots are not part of the log).
 * The stream keeps only its last event (`$maxCount` 1), and reads of `$all` skip these streams.
 */
export const SNAPSHOT_STREAM_PREFIX = 'snapshot:';
const SNAPSHOT_EVENT_TYPE = 'LedgerSnapshot';

export function snapshotStreamOf(streamId: string): string {
  return `${SNAPSHOT_STREAM_PREFIX}${streamId}`;
}

export function isSnapshotStream(streamId: string): boolean {
  return streamId.startsWith(SNAPSHOT_STREAM_PREFIX);
}

export async function readEsdbSnapshot(
  client: EventStoreDBClient,
  streamId: string,
): Promise<StreamSnapshot | undefined> {
  try {
    const read = client.readStream(snapshotStreamOf(streamId), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    for await (const resolved of drainRead(read)) {
      const data = resolved.event?.data;
      if (resolved.event?.type === SNAPSHOT_EVENT_TYPE && isSnapshot(data)) return data;
    }
  } catch (error) {
    if (!isMissingStreamError(error)) throw error;
  }
  return undefined;
}

export async function writeEsdbSnapshot(
  client: EventStoreDBClient,
  streamId: string,
  snapshot: StreamSnapshot,
): Promise<void> {
  const current = await readEsdbSnapshot(client, streamId);
  if (current !== undefined && current.revision > snapshot.revision) return;
  const stream = snapshotStreamOf(streamId);
  const data: JsonObject = { ...snapshot };
  await client.appendToStream(stream, jsonEvent({ type: SNAPSHOT_EVENT_TYPE, data }));
  if (current === undefined) await client.setStreamMetadata(stream, { maxCount: 1 });
}

export async function deleteEsdbSnapshots(
  client: EventStoreDBClient,
  streamId: string,
): Promise<void> {
  try {
    await client.deleteStream(snapshotStreamOf(streamId));
  } catch (error) {
    if (!isMissingStreamError(error)) throw error;
  }
}

function isSnapshot(data: unknown): data is StreamSnapshot {
  if (typeof data !== 'object' || data === null) return false;
  const { shape, revision, position, state } = data as Record<string, JsonValue | undefined>;
  return (
    typeof shape === 'string' &&
    typeof revision === 'number' &&
    typeof position === 'string' &&
    state !== undefined
  );
}
