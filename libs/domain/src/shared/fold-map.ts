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
  ) {}

  static empty<K, V>(): FoldMap<K, V> {
    return new FoldMap<K, V>({ keys: [], values: [], writesOf: new Map() }, 0, 0);
  }

  static from<K, V>(entries: Iterable<readonly [K, V]>): FoldMap<K, V> {
    let map = FoldMap.empty<K, V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
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
    return this.write(key, value, this.has(key) ? this.size : this.size + 1);
  }

  delete(key: K): FoldMap<K, V> {
    return this.has(key) ? this.write(key, DELETED, this.size - 1) : this;
  }

  /** The entries, in the order their keys were first written. O(writes seen). */
  *entries(): IterableIterator<[K, V]> {
    const { keys } = this.history;
    for (let at = 0; at < this.length; at += 1) {
      const key = keys[at];
      if (this.firstWrite(key) !== at) continue;
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

  private write(key: K, value: V | typeof DELETED, size: number): FoldMap<K, V> {
    const history = this.length === this.history.keys.length ? this.history : this.fork();
    const at = history.keys.length;
    history.keys.push(key);
    history.values.push(value);
    const earlier = history.writesOf.get(key);
    if (earlier === undefined) history.writesOf.set(key, at);
    else if (typeof earlier === 'number') history.writesOf.set(key, [earlier, at]);
    else earlier.push(at);
    return new FoldMap(history, at + 1, size);
  }

  /** A new history holding exactly the writes this version sees. */
  private fork(): History<K, V> {
    const forked: History<K, V> = { keys: [], values: [], writesOf: new Map() };
    for (let at = 0; at < this.length; at += 1) {
      const key = this.history.keys[at];
      forked.keys.push(key);
      forked.values.push(this.history.values[at]);
      const earlier = forked.writesOf.get(key);
      if (earlier === undefined) forked.writesOf.set(key, at);
      else if (typeof earlier === 'number') forked.writesOf.set(key, [earlier, at]);
      else earlier.push(at);
    }
    return forked;
  }

  private lastWrite(key: K): number | undefined {
    const writes = this.history.writesOf.get(key);
    if (writes === undefined) return undefined;
    if (typeof writes === 'number') return writes < this.length ? writes : undefined;
    for (let i = writes.length - 1; i >= 0; i -= 1) {
      if (writes[i] < this.length) return writes[i];
    }
    return undefined;
  }

  private firstWrite(key: K): number | undefined {
    const writes = this.history.writesOf.get(key);
    return typeof writes === 'number' ? writes : writes?.[0];
  }
}
