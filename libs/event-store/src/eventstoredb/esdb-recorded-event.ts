import type { Position } from '@eventstore/db-client';
import { JsonObject } from '../json';
import { RecordedEvent } from '../recorded-event';
import { unpackMetadata } from './esdb-metadata';
import { encodeEsdbPosition } from './esdb-position';
import { isSnapshotStream } from './esdb-snapshots';

/** The fields of a client-side ESDB event the ledger reads (JSON and binary events both fit). */
export interface EsdbEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/**
 * System events (`$`-prefixed types such as `$metadata`, `$>` links) and every event of a system
 * stream (`$`-prefixed names such as `$$orders-1`, `$scavenges`) are the server's, not the ledger's;
 * snapshot streams (esdb-snapshots.ts) are beside the log, not in it.
 */
export function isSystemEvent(event: Pick<EsdbEvent, 'streamId' | 'type'>): boolean {
  return (
    event.type.startsWith('$') || event.streamId.startsWith('$') || isSnapshotStream(event.streamId)
  );
}

/** The port's view of a stored ledger event: chain link and recordedAt come from metadata. */
export function toRecordedEvent(event: EsdbEvent): RecordedEvent {
  const where = `stream ${event.streamId} revision ${event.revision}`;
  if (!event.isJson || !isJsonObject(event.data)) {
    throw new Error(`${where} is not a JSON object event (not written by the ledger)`);
  }
  if (event.position === undefined) {
    // Stream reads carry the $all position only from server 22.6 on.
    throw new Error(
      `${where} came without its $all position: EventStoreDB 22.6 or later is needed`,
    );
  }
  if (event.revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${where} is beyond the revisions the ledger can address`);
  }
  const { metadata, previousHash, hash } = unpackMetadata(event.metadata, where);
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: encodeEsdbPosition(event.position),
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata,
    recordedAt: metadata.recordedAt,
    previousHash,
    hash,
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
