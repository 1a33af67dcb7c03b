/** Marks a deleted key in the shared history. */
const DELETED = Symbol('deleted');

/** The writes shared by every version of one FoldMap lineage, oldest first. */
interface History<K, V> {
  readonly keys: K[];
  readonly values: (V | typeof DELETED)[];
  /** Where each key was written: one index (the common case) or all of them, in order. */
  readonly writesOf: Map<K, number | number[]>;
}

/**
 * An immutable map that `evolve` can extend in O(1) amortized, however large it grows.
 *
 * Every version of a map shares one history of writes and sees only its first `length`
 * writes. Writing to the newest version appends to the shared history and hands back a new
 * version; the old one still sees exactly what it saw before (it ignores later writes). Writing
 * to an older version — a fork, rare: deciding again on a state an append has moved past —
 * first copies the writes that version sees, so the lineages never mix. A fold that goes
 * forward therefore never copies, and every version stays pure from its holder's view.
 */
export class FoldMap<K, V> {
  private constructor(
    private readonly history: History<K, V>,
    /** How many writes of the history this version sees. */
    private readonly length: number,
    /** How many keys this version holds. */
    readonly size: number,
    /** Roughly how much memory the writes this version sees take (for bounded caches). */
    readonly approximateBytes: number,
  ) {}

  static empty<K, V>(): FoldMap<K, V> {
    return new FoldMap<K, V>({ keys: [], values: [], writesOf: new Map() }, 0, 0, 0);
  }

  /** A map of these entries (a later entry for a key wins), built in one pass. */
  static from<K, V>(entries: Iterable<readonly [K, V]>): FoldMap<K, V> {
    const history: History<K, V> = { keys: [], values: [], writesOf: new Map() };
    let size = 0;
    let bytes = 0;
    for (const [key, value] of entries) {
      const earlier = history.writesOf.get(key);
      if (earlier === undefined) size += 1;
      record(history, key, value, earlier);
      bytes += writeBytes(key, value);
    }
    return new FoldMap(history, history.keys.length, size, bytes);
  }

  get(key: K): V | undefined {
    const at = this.lastWrite(key);
    if (at === undefined) return undefined;
    const value = this.history.values[at];
    return value === DELETED ? undefined : value;
  }

  has(key: K): boolean {
    const at = this.lastWrite(key);
    return at !== undefined && this.history.values[at] !== DELETED;
  }

  set(key: K, value: V): FoldMap<K, V> {
    return this.write(key, value, false);
  }

  /** As `set`, but this same map when the key already holds this very value (one lookup). */
  with(key: K, value: V): FoldMap<K, V> {
    return this.write(key, value, true);
  }

  delete(key: K): FoldMap<K, V> {
    return this.has(key) ? this.write(key, DELETED, false) : this;
  }

  /**
   * The entries in the order their keys were inserted, as a `Map` orders them: a key deleted and
   * set again comes after those set meanwhile (so a state restored from its entries iterates as
   * the fold that built it). O(writes seen).
   */
  *entries(): IterableIterator<[K, V]> {
    const { keys } = this.history;
    for (let at = 0; at < this.length; at += 1) {
      const key = keys[at];
      if (this.insertedAt(key) !== at) continue;
      const value = this.get(key);
      if (value !== undefined) yield [key, value];
    }
  }

  *keys(): IterableIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  /** JSON has no maps: the entries, as `[key, value]` pairs. */
  toJSON(): [K, V][] {
    return [...this.entries()];
  }

  /** One hash lookup: the key's writes are read once, both to size the map and to extend them. */
  private write(key: K, value: V | typeof DELETED, unlessHeld: boolean): FoldMap<K, V> {
    const history = this.length === this.history.keys.length ? this.history : this.fork();
    const writes = history.writesOf.get(key);
    const at = writes === undefined ? undefined : lastWriteBefore(writes, this.length);
    const held = at !== undefined && history.values[at] !== DELETED;
    if (unlessHeld && held && history.values[at] === value) return this;
    const size = this.size + (value === DELETED ? 0 : 1) - (held ? 1 : 0);
    record(history, key, value, writes);
    const bytes = this.approximateBytes + writeBytes(key, value);
    return new FoldMap(history, history.keys.length, size, bytes);
  }

  /** A new history holding exactly the writes this version sees. */
  private fork(): History<K, V> {
    const forked: History<K, V> = { keys: [], values: [], writesOf: new Map() };
    for (let at = 0; at < this.length; at += 1) {
      const key = this.history.keys[at];
      record(forked, key, this.history.values[at], forked.writesOf.get(key));
    }
    return forked;
  }

  private lastWrite(key: K): number | undefined {
    const writes = this.history.writesOf.get(key);
    return writes === undefined ? undefined : lastWriteBefore(writes, this.length);
  }

  /** The write that inserted the key this version holds: the first since its last delete. */
  private insertedAt(key: K): number | undefined {
    const writes = this.history.writesOf.get(key);
    if (typeof writes === 'number' || writes === undefined) return writes;
    let last = writes.length - 1;
    while (last >= 0 && writes[last] >= this.length) last -= 1;
    let first = last;
    while (first > 0 && this.history.values[writes[first - 1]] !== DELETED) first -= 1;
    return first < 0 ? undefined : writes[first];
  }
}

/** The last of a key's writes that a version seeing `length` writes sees. */
function lastWriteBefore(writes: number | number[], length: number): number | undefined {
  if (typeof writes === 'number') return writes < length ? writes : undefined;
  for (let i = writes.length - 1; i >= 0; i -= 1) {
    if (writes[i] < length) return writes[i];
  }
  return undefined;
}

/** Appends a write; `earlier` is the key's entry in `writesOf` (already looked up). */
function record<K, V>(
  history: History<K, V>,
  key: K,
  value: V | typeof DELETED,
  earlier: number | number[] | undefined,
): void {
  const at = history.keys.length;
  history.keys.push(key);
  history.values.push(value);
  if (earlier === undefined) history.writesOf.set(key, at);
  else if (typeof earlier === 'number') history.writesOf.set(key, [earlier, at]);
  else earlier.push(at);
}

/** Two array slots and a hash-map entry, plus what the key and value hold. */
const WRITE_OVERHEAD_BYTES = 64;

function writeBytes(key: unknown, value: unknown): number {
  return WRITE_OVERHEAD_BYTES + roughBytes(key) + roughBytes(value);
}

/** A rough size of a small JSON-like value: strings by length, objects one level deep. */
function roughBytes(value: unknown): number {
  if (typeof value === 'string') return 16 + 2 * value.length;
  if (typeof value !== 'object' || value === null) return 8;
  let bytes = 32;
  // for…in, not Object.values: this runs once per write, and the array would be garbage.
  for (const name in value) {
    const field = (value as Record<string, unknown>)[name];
    bytes += 8 + (typeof field === 'string' ? 16 + 2 * field.length : 8);
  }
  return bytes;
}
