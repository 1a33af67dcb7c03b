import { FoldMap } from './fold-map';

/**
 * An immutable set that `evolve` can extend in O(1) amortized (see {@link FoldMap}): older
 * versions keep seeing what they saw, so a state holding one stays pure for its holders.
 */
export class FoldSet<T> {
  private constructor(private readonly members: FoldMap<T, true>) {}

  static empty<T>(): FoldSet<T> {
    return new FoldSet(FoldMap.empty<T, true>());
  }

  static from<T>(values: Iterable<T>): FoldSet<T> {
    const members: [T, true][] = [];
    for (const value of values) members.push([value, true]);
    return new FoldSet(FoldMap.from(members));
  }

  get size(): number {
    return this.members.size;
  }

  get approximateBytes(): number {
    return this.members.approximateBytes;
  }

  has(value: T): boolean {
    return this.members.has(value);
  }

  add(value: T): FoldSet<T> {
    return this.has(value) ? this : new FoldSet(this.members.set(value, true));
  }

  delete(value: T): FoldSet<T> {
    return this.has(value) ? new FoldSet(this.members.delete(value)) : this;
  }

  /** The members, in the order they were first added. O(additions seen). */
  values(): IterableIterator<T> {
    return this.members.keys();
  }

  /** JSON has no sets: the members, as an array. */
  toJSON(): T[] {
    return [...this.values()];
  }
}
