import { FoldMap } from './fold-map';
import { PackedStrings, PackedStringsJson } from './packed-strings';

/** Members a set was restored with (from a snapshot), before any change since. */
export interface BaseMembers<T> {
  size: number;
  approximateBytes: number;
  has(value: T): boolean;
  values(): Iterable<T>;
}

/**
 * An immutable set that `evolve` can extend in O(1) amortized (see {@link FoldMap}): older
 * versions keep seeing what they saw, so a state holding one stays pure for its holders.
 * A set of strings restored from a snapshot keeps its members packed (see PackedStrings) and
 * records only what changed since.
 */
export class FoldSet<T> {
  private constructor(
    /** Changes since the base: true added, false removed. */
    private readonly changes: FoldMap<T, boolean>,
    private readonly base: BaseMembers<T> | undefined,
    readonly size: number,
  ) {}

  static empty<T>(): FoldSet<T> {
    return new FoldSet(FoldMap.empty<T, boolean>(), undefined, 0);
  }

  static from<T>(values: Iterable<T>): FoldSet<T> {
    const changes: [T, boolean][] = [];
    for (const value of values) changes.push([value, true]);
    const map = FoldMap.from(changes);
    return new FoldSet(map, undefined, map.size);
  }

  /** A set of strings as {@link packed} kept it: no entry is built until one changes. */
  static fromPacked(json: PackedStringsJson): FoldSet<string> {
    const base = PackedStrings.unpack(json);
    return new FoldSet(FoldMap.empty<string, boolean>(), base, base.size);
  }

  get approximateBytes(): number {
    return this.changes.approximateBytes + (this.base?.approximateBytes ?? 0);
  }

  has(value: T): boolean {
    const changed = this.changes.get(value);
    return changed ?? this.base?.has(value) ?? false;
  }

  add(value: T): FoldSet<T> {
    if (this.base === undefined) {
      // The changes alone say whether it is a member: one lookup to tell and to write.
      const changes = this.changes.with(value, true);
      return changes === this.changes ? this : new FoldSet(changes, undefined, this.size + 1);
    }
    if (this.has(value)) return this;
    return new FoldSet(this.changes.set(value, true), this.base, this.size + 1);
  }

  delete(value: T): FoldSet<T> {
    if (!this.has(value)) return this;
    return new FoldSet(this.changes.set(value, false), this.base, this.size - 1);
  }

  /** The members: those restored with (in their packed order), then those added, in order. */
  *values(): IterableIterator<T> {
    if (this.base !== undefined) {
      for (const value of this.base.values()) if (this.changes.get(value) !== false) yield value;
    }
    for (const [value, present] of this.changes.entries()) {
      if (present && !(this.base?.has(value) ?? false)) yield value;
    }
  }

  /** A set of strings in the compact form a snapshot keeps (sorted, packed). */
  static packed(set: FoldSet<string>): PackedStringsJson {
    return PackedStrings.pack(set.values());
  }

  /** JSON has no sets: the members, as an array. */
  toJSON(): T[] {
    return [...this.values()];
  }
}
