/** What an upcaster may read of a stored event's metadata (its actor and time fill v1 gaps). */
export interface StoredEventMetadata {
  schemaVersion?: unknown;
  actor?: unknown;
  recordedAt?: unknown;
}

/** Turns the stored data of one schema version into the next version's shape. */
export type Upcaster = (
  data: Record<string, unknown>,
  metadata: StoredEventMetadata,
) => Record<string, unknown>;

/** For one event type: the upcaster from each old version `n` to `n + 1`. */
export type UpcasterChain = Readonly<Record<number, Upcaster>>;

/** The schema version a stored event was written with (events before versioning count as 1). */
export function storedSchemaVersion(metadata: StoredEventMetadata): number {
  return schemaVersionOf(metadata.schemaVersion);
}

/** A stored `schemaVersion` value as a version (anything but a positive integer counts as 1). */
export function schemaVersionOf(version: unknown): number {
  return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : 1;
}

/** The recorded time of a stored event, for upcasters that need a time v1 did not carry. */
export function storedRecordedAt(metadata: StoredEventMetadata): string {
  return typeof metadata.recordedAt === 'string' ? metadata.recordedAt : new Date(0).toISOString();
}

/** Runs `chain` from the stored version up to `current`; a missing step is a programming error. */
export function runUpcasters(
  chain: UpcasterChain | undefined,
  current: number,
  data: unknown,
  metadata: StoredEventMetadata,
): unknown {
  let version = storedSchemaVersion(metadata);
  if (chain === undefined || version >= current) return data;
  let upcast = data as Record<string, unknown>;
  for (; version < current; version += 1) {
    const step = chain[version];
    if (step === undefined) throw new TypeError(`no upcaster from schema version ${version}`);
    upcast = step(upcast, metadata);
  }
  return upcast;
}
