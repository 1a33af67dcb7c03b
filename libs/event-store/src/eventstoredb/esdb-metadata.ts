import { EventMetadata } from '../event-metadata';
import { JsonObject, JsonValue } from '../json';

/**
 * Where the hash chain lives in EventStoreDB: two extra keys in each event's JSON metadata,
 * next to the writer's own keys. The `$` prefix keeps them apart from ledger metadata (whose
 * keys never start with `$`) and marks them as the store's, the way ESDB marks `$correlationId`.
 */
export const PREVIOUS_HASH_KEY = '$ledgerPreviousHash';
export const HASH_KEY = '$ledgerHash';

/** The ledger's metadata as read back: what the writer passed, plus `recordedAt`. */
export type StoredLedgerMetadata = EventMetadata & { recordedAt: string };

export interface UnpackedMetadata {
  metadata: StoredLedgerMetadata;
  previousHash: string;
  hash: string;
}

/** Throws when the writer's metadata would collide with the store's own keys. */
export function assertNoReservedKeys(metadata: EventMetadata): void {
  for (const key of [PREVIOUS_HASH_KEY, HASH_KEY]) {
    if (key in metadata) {
      throw new TypeError(`event metadata must not contain the reserved key ${key}`);
    }
  }
}

/** The ESDB metadata of one event: the ledger metadata plus its link in the chain. */
export function packMetadata(
  metadata: StoredLedgerMetadata,
  previousHash: string,
  hash: string,
): JsonObject {
  const packed: JsonObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value !== undefined) packed[key] = value;
  }
  packed[PREVIOUS_HASH_KEY] = previousHash;
  packed[HASH_KEY] = hash;
  return packed;
}

/**
 * Splits what {@link packMetadata} stored back into the ledger metadata and the chain link.
 * An event without them was not written by the ledger; reading it as one would break the
 * audit, so it is refused loudly.
 */
export function unpackMetadata(raw: unknown, where: string): UnpackedMetadata {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Uint8Array) {
    throw new Error(`${where} has no ledger metadata (not written by the ledger)`);
  }
  const { [PREVIOUS_HASH_KEY]: previousHash, [HASH_KEY]: hash, ...rest } = raw as JsonObject;
  const recordedAt: JsonValue | undefined = rest.recordedAt;
  if (typeof previousHash !== 'string' || typeof hash !== 'string') {
    throw new Error(`${where} has no hash chain metadata (not written by the ledger)`);
  }
  if (typeof recordedAt !== 'string') {
    throw new Error(`${where} has no recordedAt in its metadata`);
  }
  return { metadata: { ...rest, recordedAt }, previousHash, hash };
}
